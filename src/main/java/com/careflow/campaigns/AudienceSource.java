package com.careflow.campaigns;

import java.time.LocalDate;
import java.util.List;

/** Pages through the customers an occasion may address, in customer-id order (keyset paging). */
interface AudienceSource {

  /** A customer of the audience and whether they accept marketing messages (R22). */
  record Member(String customerId, boolean marketingConsent) {}

  /** Up to {@code limit} customers after {@code afterCustomerId} (empty string: from the start). */
  List<Member> page(Occasion occasion, LocalDate day, String afterCustomerId, int limit);

  /**
   * Up to {@code limit} of the given customers after {@code afterCustomerId}, in id order, with
   * their consent; ids the customer store does not know are left out (a campaign test run's seed
   * list).
   */
  List<Member> members(List<String> customerIds, String afterCustomerId, int limit);
}
