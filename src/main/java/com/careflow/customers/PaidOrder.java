package com.careflow.customers;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One paid order of a customer, as an RFM computation for a period reads it (rule R15).
 *
 * @param amount the paid amount in currency units
 * @param currency ISO 4217 code of the order; null when its {@code OrderPlaced} has not arrived
 */
record PaidOrder(
    String orderId,
    String customerId,
    Instant paidAt,
    BigDecimal amount,
    String currency,
    int units) {}
