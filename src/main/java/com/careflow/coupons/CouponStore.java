package com.careflow.coupons;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Careflow's coupon store on the {@code coupon} table (migration V4). */
@Repository
class CouponStore implements IssuedCoupons {

  private static final String COLUMNS =
      "code, customer_id, order_id, occasion, kind, coupon_value, minimum_spend, issued_at, expires_at,"
          + " process_id, process_instance_key, element_id, redeemed";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final CouponCodes codes;

  CouponStore(JdbcClient jdbc, Clock clock, CouponCodes codes) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.codes = codes;
  }

  /** What to issue: the discount table's answer plus who gets it and which step asks. */
  public record IssueRequest(
      String issueKey,
      String customerId,
      String orderId,
      String occasion,
      Coupon.Kind kind,
      BigDecimal value,
      BigDecimal minimumSpend,
      int validityDays,
      Coupon.IssuedBy issuedBy) {}

  /**
   * Issues a coupon once per issue key: asking again with the same key (a retried job) returns the
   * coupon issued the first time.
   */
  public Coupon issue(IssueRequest request) {
    Optional<Coupon> existing = findByIssueKey(request.issueKey());
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    try {
      jdbc.sql(
              """
              INSERT INTO coupon (code, issue_key, customer_id, order_id, occasion, kind, coupon_value,
                minimum_spend, process_id, process_instance_key, element_id, issued_at, expires_at)
              VALUES (:code, :key, :customer, :order, :occasion, :kind, :value, :minSpend, :processId,
                :pik, :elementId, :issuedAt, :expiresAt)
              """)
          .param("code", codes.next())
          .param("key", request.issueKey())
          .param("customer", request.customerId())
          .param("order", request.orderId())
          .param("occasion", request.occasion())
          .param("kind", request.kind().name())
          .param("value", request.value())
          .param("minSpend", request.minimumSpend())
          .param("processId", request.issuedBy().processId())
          .param("pik", request.issuedBy().processInstanceKey())
          .param("elementId", request.issuedBy().elementId())
          .param("issuedAt", Timestamp.from(now))
          .param(
              "expiresAt",
              Timestamp.from(now.plus(java.time.Duration.ofDays(request.validityDays()))))
          .update();
    } catch (DuplicateKeyException e) {
      // a concurrent retry of the same job won the race; its coupon is the one
      return findByIssueKey(request.issueKey()).orElseThrow(() -> e);
    }
    return findByIssueKey(request.issueKey()).orElseThrow();
  }

  public Optional<Coupon> findByIssueKey(String issueKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM coupon WHERE issue_key = :key")
        .param("key", issueKey)
        .query(CouponStore::map)
        .optional();
  }

  public Optional<Coupon> findByCode(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM coupon WHERE code = :code")
        .param("code", code)
        .query(CouponStore::map)
        .optional();
  }

  @Override
  public List<Coupon> issuedTo(String customerId) {
    return findByCustomer(customerId);
  }

  public List<Coupon> findByCustomer(String customerId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM coupon WHERE customer_id = :customer ORDER BY issued_at, id")
        .param("customer", customerId)
        .query(CouponStore::map)
        .list();
  }

  /**
   * Records that the buyer used the coupon (for campaign cost and ROI, rule R24). Nothing calls
   * this yet: the shop's redemption events are a later step.
   *
   * @return false when no such coupon exists or it was already redeemed
   */
  public boolean markRedeemed(String code) {
    return jdbc.sql(
                "UPDATE coupon SET redeemed = TRUE, redeemed_at = :now WHERE code = :code AND redeemed = FALSE")
            .param("now", Timestamp.from(clock.instant()))
            .param("code", code)
            .update()
        == 1;
  }

  private static Coupon map(ResultSet rs, int row) throws SQLException {
    return new Coupon(
        rs.getString("code"),
        rs.getString("customer_id"),
        rs.getString("order_id"),
        rs.getString("occasion"),
        Coupon.Kind.valueOf(rs.getString("kind")),
        rs.getBigDecimal("coupon_value"),
        rs.getBigDecimal("minimum_spend"),
        rs.getTimestamp("issued_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant(),
        new Coupon.IssuedBy(
            rs.getString("process_id"),
            rs.getLong("process_instance_key"),
            rs.getString("element_id")),
        rs.getBoolean("redeemed"));
  }
}
