package com.careflow.campaigns;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Customers c-00000 … in id order; every {@code withoutConsentEvery}-th has not consented to
 * marketing. None has a birthday, so birthday occasions reach nobody.
 */
class InMemoryAudience implements AudienceSource {

  private final List<Member> members;

  InMemoryAudience(int size, int withoutConsentEvery) {
    members =
        IntStream.range(0, size)
            .mapToObj(i -> new Member("c-%05d".formatted(i), i % withoutConsentEvery != 0))
            .toList();
  }

  @Override
  public List<Member> page(Occasion occasion, LocalDate day, String afterCustomerId, int limit) {
    if (occasion.birthdays()) {
      return List.of(); // nobody in this audience has a birthday
    }
    return members.stream()
        .filter(m -> m.customerId().compareTo(afterCustomerId) > 0)
        .limit(limit)
        .toList();
  }

  @Override
  public List<Member> members(List<String> customerIds, String afterCustomerId, int limit) {
    return members.stream()
        .filter(m -> customerIds.contains(m.customerId()))
        .filter(m -> m.customerId().compareTo(afterCustomerId) > 0)
        .limit(limit)
        .toList();
  }
}
