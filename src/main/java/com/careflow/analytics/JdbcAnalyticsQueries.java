package com.careflow.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link AnalyticsQueries} over the analytics tables. Public only so another module's test can
 * build it over a test database.
 */
@Component
public class JdbcAnalyticsQueries implements AnalyticsQueries {

  /** Send ids per query: keeps the IN list well under every database's parameter limit. */
  private static final int CHUNK = 1_000;

  private final JdbcClient jdbc;

  public JdbcAnalyticsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Payment> payments(Instant after, Instant before) {
    return jdbc.sql(
            "SELECT customer_id, paid_at, paid_amount FROM analytics_order"
                + " WHERE paid_at IS NOT NULL AND paid_at > :s AND paid_at < :e")
        .param("s", Timestamp.from(after))
        .param("e", Timestamp.from(before))
        .query(
            (rs, n) ->
                new Payment(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getBigDecimal(3) == null ? BigDecimal.ZERO : rs.getBigDecimal(3)))
        .list();
  }

  @Override
  public Map<String, BigDecimal> sendCosts(Collection<String> sendIds) {
    Map<String, BigDecimal> costs = new HashMap<>();
    List<String> ids = new ArrayList<>(sendIds);
    for (int i = 0; i < ids.size(); i += CHUNK) {
      jdbc.sql("SELECT send_id, cost_shop FROM analytics_send WHERE send_id IN (:ids)")
          .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
          .query(
              rs -> {
                costs.put(rs.getString(1), rs.getBigDecimal(2));
              });
    }
    return costs;
  }
}
