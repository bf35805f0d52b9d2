package com.careflow.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The customer store on the {@code customer} table (see the Flyway migrations). */
@Repository
public class CustomerRepository {

  private final JdbcClient jdbc;
  private final Clock clock;

  public CustomerRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Customer> find(String customerId) {
    return jdbc.sql(
            """
            SELECT customer_id, name, phone, locale, time_zone, birthday, marketing_consent, paid_orders
            FROM customer WHERE customer_id = :id
            """)
        .param("id", customerId)
        .query(
            (rs, n) ->
                new Customer(
                    rs.getString("customer_id"),
                    rs.getString("name"),
                    rs.getString("phone"),
                    rs.getString("locale"),
                    rs.getString("time_zone"),
                    rs.getObject("birthday", LocalDate.class),
                    rs.getBoolean("marketing_consent"),
                    rs.getInt("paid_orders")))
        .optional();
  }

  /** Creates or replaces the profile and contact fields; the order counters are kept. */
  @Transactional
  public void upsertProfile(Customer c) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated =
        jdbc.sql(
                """
                UPDATE customer SET name = :name, phone = :phone, locale = :locale, time_zone = :tz,
                  birthday = :birthday, marketing_consent = :consent, updated_at = :now
                WHERE customer_id = :id
                """)
            .params(profileParams(c, now))
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO customer (customer_id, name, phone, locale, time_zone, birthday,
                marketing_consent, paid_orders, created_at, updated_at)
              VALUES (:id, :name, :phone, :locale, :tz, :birthday, :consent, 0, :now, :now)
              """)
          .params(profileParams(c, now))
          .update();
    }
  }

  private static Map<String, Object> profileParams(Customer c, Timestamp now) {
    var p = new HashMap<String, Object>();
    p.put("id", c.customerId());
    p.put("name", c.name());
    p.put("phone", c.phone());
    p.put("locale", c.locale() == null ? "zh-CN" : c.locale());
    p.put("tz", c.timeZone() == null ? "Asia/Shanghai" : c.timeZone());
    p.put("birthday", c.birthday());
    p.put("consent", c.marketingConsent());
    p.put("now", now);
    return p;
  }

  /** Counts one more paid order, creating a bare profile for a buyer not seen before. */
  @Transactional
  public void recordPaidOrder(String customerId) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated =
        jdbc.sql("UPDATE customer SET paid_orders = paid_orders + 1, updated_at = :now WHERE customer_id = :id")
            .param("id", customerId)
            .param("now", now)
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO customer (customer_id, paid_orders, created_at, updated_at)
              VALUES (:id, 1, :now, :now)
              """)
          .param("id", customerId)
          .param("now", now)
          .update();
    }
  }
}
