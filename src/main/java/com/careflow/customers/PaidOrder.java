package com.careflow.customers;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One paid order of a customer, as an RFM computation for a period reads it (rule R15).
 *
 * @param amount the paid amount in currency units
 */
record PaidOrder(
    String orderId,
    String customerId,
    Instant paidAt,
    BigDecimal amount,
    String currency,
    int units) {}
