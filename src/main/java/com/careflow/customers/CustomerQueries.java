package com.careflow.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * The customers module's read port for other modules: what campaigns and segments may know of the
 * customer store ({@code customer} and {@code order_fact}, which only this module queries), and of
 * one order what the dashboard's order page shows staff. Amounts are in the shop's currency; times
 * are instants; an unknown customer id is no error (empty results). Database failures surface as
 * Spring's {@code DataAccessException}.
 */
public interface CustomerQueries {

  /** A customer a campaign may address, and whether they accept marketing messages (R22). */
  record AudienceMember(String customerId, boolean marketingConsent) {}

  /**
   * A customer's cart as the store knows it (R18).
   *
   * @param cartValue the open cart's value; null or zero when there is no open cart
   * @param cartUpdatedAt when the cart last changed (null: never)
   * @param lastOrderAt when the customer last placed an order (null: never)
   */
  record Cart(BigDecimal cartValue, Instant cartUpdatedAt, Instant lastOrderAt) {}

  /**
   * A customer's paid, not cancelled orders (R15, R16).
   *
   * @param lifetimePaidOrders all such orders
   * @param lastPaidAt the latest payment (null: none)
   * @param periodPaidOrders orders paid since the period start
   * @param periodPaidAmount their paid amount (the order amount when no paid amount is recorded)
   * @param largestPaidAmount the largest single order's amount, ever
   * @param largestPaidUnits the most units in one order, ever
   */
  record PaidOrderHistory(
      int lifetimePaidOrders,
      Instant lastPaidAt,
      int periodPaidOrders,
      BigDecimal periodPaidAmount,
      BigDecimal largestPaidAmount,
      int largestPaidUnits) {}

  /**
   * Up to {@code limit} customers with ids after {@code afterCustomerId} (empty string: from the
   * start), in id order (keyset paging: page 2,000 costs what page 1 does).
   *
   * @param birthday only customers born on this day of the year; null for all
   */
  List<AudienceMember> audiencePage(String afterCustomerId, int limit, MonthDay birthday);

  /**
   * Up to {@code limit} of the given customers with ids after {@code afterCustomerId}, in id order;
   * ids the store does not know are left out.
   */
  List<AudienceMember> audienceMembers(List<String> customerIds, String afterCustomerId, int limit);

  /** The customer's cart; empty when the customer is unknown. */
  Optional<Cart> cart(String customerId);

  /**
   * One order's stored facts, for staff behind the login (the dashboard's order page): free text
   * the journeys never carry (the review text) stays here.
   *
   * @param amount the order amount in {@code currency} (null before {@code OrderPlaced})
   * @param currency ISO 4217 code as the shop's {@code OrderPlaced} gave it (or the shop's
   *     configured currency the intake applied); null before {@code OrderPlaced}
   * @param logisticsStatus the carrier's last status ({@code in-transit}, {@code exception}, {@code
   *     returned}) or null
   * @param lastCarrierUpdate the carrier's last description (free text) or null
   * @param reviewRating 1 to 5, or null without a review
   * @param reviewText the buyer's review text, or null
   */
  record OrderFacts(
      String orderId,
      String customerId,
      BigDecimal amount,
      String currency,
      Instant placedAt,
      Instant paidAt,
      Instant shippedAt,
      String carrier,
      String trackingNumber,
      String logisticsStatus,
      String lastCarrierUpdate,
      Instant logisticsUpdatedAt,
      Instant deliveredAt,
      Integer reviewRating,
      String reviewText,
      Instant reviewedAt) {}

  /** The order's stored facts; empty when the store does not know the order id. */
  Optional<OrderFacts> order(String orderId);

  /** The customer's paid order history, the period figures counted from {@code periodStart}. */
  PaidOrderHistory paidOrderHistory(String customerId, Instant periodStart);
}
