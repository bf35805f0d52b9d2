package com.careflow.customers;

import java.time.LocalDate;

/**
 * A buyer as the customer store knows them. Contact fields stay here; journeys carry only the id.
 *
 * @param locale message language, e.g. {@code zh-CN} or {@code en}, as the shop sent it; null when
 *     it sent none (readers then use the shop's default, {@code careflow.messaging.default-locale})
 * @param timeZone IANA zone for quiet hours (rule R4), as the shop sent it; null when it sent none
 *     (readers then use {@code careflow.messaging.quiet-hours.default-time-zone})
 * @param paidOrders orders this buyer has paid, the basis of new vs returning (R1, R2)
 */
public record Customer(
    String customerId,
    String name,
    String phone,
    String locale,
    String timeZone,
    LocalDate birthday,
    boolean marketingConsent,
    int paidOrders) {

  public boolean returning() {
    return paidOrders > 0;
  }

  @Override
  public String toString() {
    return "Customer[" + customerId + ", locale=" + locale + ", paidOrders=" + paidOrders + "]";
  }
}
