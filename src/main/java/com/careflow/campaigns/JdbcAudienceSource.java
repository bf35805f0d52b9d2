package com.careflow.campaigns;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Audience pages from the customer store: keyset paging on the primary key, so page 2,000 of a
 * million customers costs the same as page 1. Birthday occasions read only that day's birthdays.
 */
@Component
class JdbcAudienceSource implements AudienceSource {

  private final JdbcClient jdbc;

  JdbcAudienceSource(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Member> page(Occasion occasion, LocalDate day, String afterCustomerId, int limit) {
    String birthdays =
        occasion.birthdays()
            ? " AND EXTRACT(MONTH FROM birthday) = :month AND EXTRACT(DAY FROM birthday) = :day"
            : "";
    var query =
        jdbc.sql(
                "SELECT customer_id, marketing_consent FROM customer WHERE customer_id > :after"
                    + birthdays
                    + " ORDER BY customer_id LIMIT :limit")
            .param("after", afterCustomerId)
            .param("limit", limit);
    if (occasion.birthdays()) {
      query = query.param("month", day.getMonthValue()).param("day", day.getDayOfMonth());
    }
    return query
        .query(
            (rs, n) -> new Member(rs.getString("customer_id"), rs.getBoolean("marketing_consent")))
        .list();
  }

  @Override
  public List<Member> members(List<String> customerIds, String afterCustomerId, int limit) {
    if (customerIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT customer_id, marketing_consent FROM customer WHERE customer_id > :after"
                + " AND customer_id IN (:ids) ORDER BY customer_id LIMIT :limit")
        .param("after", afterCustomerId)
        .param("ids", customerIds)
        .param("limit", limit)
        .query(
            (rs, n) -> new Member(rs.getString("customer_id"), rs.getBoolean("marketing_consent")))
        .list();
  }
}
