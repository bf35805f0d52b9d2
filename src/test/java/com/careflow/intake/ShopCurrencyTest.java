package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.customers.OrderHistory;
import com.careflow.intake.ShopEventType.Topic;
import com.careflow.support.RepositoryTestBase;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's currency has one source, {@code careflow.analytics.currency} (issue #20): an order
 * event without a currency is stored, published to the journey and told to the analytics in it,
 * here USD, never in a default of the intake's own.
 */
@Import(EventIntakeFaultsTest.Intake.class)
@TestPropertySource(
    properties = {
      "careflow.analytics.currency=USD",
      "spring.datasource.hikari.maximum-pool-size=2",
      "spring.datasource.hikari.minimum-idle=1"
    })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@RecordApplicationEvents
class ShopCurrencyTest extends RepositoryTestBase {

  @Autowired EventIntake intake;
  @Autowired OrderHistory orders;
  @Autowired DataSource dataSource;
  @Autowired ApplicationEvents applicationEvents;

  final String run = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void removeThisTestsRows() {
    EventIntakeFaultsTest.removeRowsOf(dataSource, run);
  }

  @Test
  void anOrderWithoutACurrencyIsInTheConfiguredShopCurrency() {
    String order = run + "-o";
    intake.handle(
        "shop.orders",
        Topic.ORDERS,
        """
        {"eventId":"%s-placed","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00",
         "orderId":"%s","customerId":"%s-c","amount":20.00,
         "items":[{"sku":"tea","quantity":1,"price":20.00}]}
        """
            .formatted(run, order, run));
    intake.handle(
        "shop.orders",
        Topic.ORDERS,
        """
        {"eventId":"%s-paid","type":"OrderPaid","occurredAt":"2026-11-11T00:07:00+08:00",
         "orderId":"%s","customerId":"%s-c","amount":20.00}
        """
            .formatted(run, order, run));

    assertThat(orders.placedOrder(order))
        .hasValueSatisfying(p -> assertThat(p.currency()).isEqualTo("USD"));
    assertThat(
            EventIntakeFaultsTest.analyticsFacts(
                applicationEvents, AnalyticsFacts.OrderPlacedFact.class))
        .singleElement()
        .satisfies(f -> assertThat(f.currency()).isEqualTo("USD"));
    assertThat(
            EventIntakeFaultsTest.analyticsFacts(
                applicationEvents, AnalyticsFacts.PaymentFact.class))
        .singleElement()
        .satisfies(f -> assertThat(f.currency()).isEqualTo("USD"));
    String journeyVariables =
        new JdbcTemplate(dataSource)
            .queryForObject(
                "SELECT variables FROM intake_outbox WHERE event_id = ?",
                String.class,
                run + "-placed");
    assertThat(journeyVariables).contains("\"currency\":\"USD\"");
  }
}
