package com.careflow.campaigns;

import com.careflow.customers.CustomerQueries;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Audience pages from the customer store, through the customers module's port {@link
 * CustomerQueries} (keyset paging on the customer id). Birthday occasions read only that day's
 * birthdays.
 */
@Component
class CustomerAudienceSource implements AudienceSource {

  private final CustomerQueries customers;

  CustomerAudienceSource(CustomerQueries customers) {
    this.customers = customers;
  }

  @Override
  public List<Member> page(Occasion occasion, LocalDate day, String afterCustomerId, int limit) {
    MonthDay birthday = occasion.birthdays() ? MonthDay.from(day) : null;
    return members(customers.audiencePage(afterCustomerId, limit, birthday));
  }

  @Override
  public List<Member> members(List<String> customerIds, String afterCustomerId, int limit) {
    return members(customers.audienceMembers(customerIds, afterCustomerId, limit));
  }

  private static List<Member> members(List<CustomerQueries.AudienceMember> page) {
    return page.stream().map(m -> new Member(m.customerId(), m.marketingConsent())).toList();
  }
}
