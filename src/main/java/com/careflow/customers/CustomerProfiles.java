package com.careflow.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buyers' profiles on the {@code customer} table (V1): name, phone (E.164), locale, time zone,
 * birthday and marketing consent, as the shop's {@code CustomerUpserted} events set them; the
 * counters and the cart on the same row are {@link OrderHistory}'s.
 *
 * <p>The row keeps only what the shop sent: a profile without a locale or a time zone, and the bare
 * profile of a buyer known only from orders, store none (NULL). Readers resolve a missing one to
 * the shop's configured default when they use it ({@code careflow.messaging.default-locale}, {@code
 * careflow.messaging.quiet-hours.default-time-zone}), so changing the default changes every such
 * buyer at once.
 *
 * <p>Every write joins the caller's transaction when there is one, so the event intake commits a
 * profile update together with its processed-event marker.
 */
@Repository
public class CustomerProfiles {

  private final JdbcClient jdbc;
  private final Clock clock;

  public CustomerProfiles(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The buyer's profile with their paid-order count; empty for a customer the store does not know.
   * {@link Customer#locale()} and {@link Customer#timeZone()} are null when the shop sent none.
   */
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
    upsertProfile(c, null);
  }

  /**
   * Creates or replaces the profile and contact fields as of a profile event's time. A profile
   * older than the one stored does not undo the newer one, with two exceptions that protect the
   * buyer whatever the timestamps say: a consent withdrawal always applies (rule R22), and so does
   * a phone number (a changed number must never keep receiving the old one's messages). A null
   * locale or time zone is stored as null (the shop sent none), never as the shop's default.
   *
   * @param asOf the event's {@code occurredAt}, or null to replace unconditionally
   * @return false when a newer profile was already stored (then only the withdrawal and the phone
   *     number were applied)
   */
  @Transactional
  public boolean upsertProfile(Customer c, Instant asOf) {
    Timestamp now = now();
    Map<String, Object> params = profileParams(c, now, asOf);
    ensureBareProfile(jdbc, c.customerId(), now);
    String update =
        """
        UPDATE customer SET name = :name, phone = :phone, locale = :locale, time_zone = :tz,
          birthday = :birthday, marketing_consent = :consent, updated_at = :now
        """;
    String where = " WHERE customer_id = :id";
    if (asOf != null) {
      update += ", profile_as_of = :asOf";
      where += " AND (profile_as_of IS NULL OR profile_as_of <= :asOf)";
    }
    if (jdbc.sql(update + where).params(params).update() == 1) {
      return true;
    }
    // older than the stored profile: what protects the buyer still applies (rule R22)
    if (!c.marketingConsent()) {
      jdbc.sql(
              "UPDATE customer SET marketing_consent = FALSE, updated_at = :now"
                  + " WHERE customer_id = :id")
          .params(params)
          .update();
    }
    if (c.phone() != null) {
      jdbc.sql("UPDATE customer SET phone = :phone, updated_at = :now WHERE customer_id = :id")
          .params(params)
          .update();
    }
    return false;
  }

  private static Map<String, Object> profileParams(Customer c, Timestamp now, Instant asOf) {
    var p = new HashMap<String, Object>();
    p.put("id", c.customerId());
    p.put("name", c.name());
    p.put("phone", c.phone());
    p.put("locale", c.locale());
    p.put("tz", c.timeZone());
    p.put("birthday", c.birthday());
    p.put("consent", c.marketingConsent());
    p.put("now", now);
    p.put("asOf", asOf == null ? null : Timestamp.from(asOf));
    return p;
  }

  /**
   * A bare profile (no contact data, no locale or zone, no consent) for a buyer known only from
   * orders, unless the buyer is stored already. {@code ON CONFLICT DO NOTHING}: a concurrent insert
   * of the same buyer (their profile and first order handled at once) waits for the other and then
   * leaves its row, instead of failing on the key. Static, so {@link OrderHistory} calls it in its
   * own transaction without going through this bean's proxy.
   */
  static void ensureBareProfile(JdbcClient jdbc, String customerId, Timestamp now) {
    jdbc.sql(
            """
            INSERT INTO customer (customer_id, paid_orders, created_at, updated_at)
            VALUES (:id, 0, :now, :now)
            ON CONFLICT DO NOTHING
            """)
        .param("id", customerId)
        .param("now", now)
        .update();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}
