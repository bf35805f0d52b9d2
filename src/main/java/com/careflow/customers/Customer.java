package com.careflow.customers;

import java.time.LocalDate;

/**
 * A buyer as the customer store knows them. Contact fields stay here; journeys carry only the id.
 *
 * @param locale message language, e.g. {@code zh-CN} or {@code en}
 * @param timeZone IANA zone for quiet hours (rule R4)
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
