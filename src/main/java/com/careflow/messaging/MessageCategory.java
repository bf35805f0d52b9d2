package com.careflow.messaging;

/**
 * Transactional messages (payment, shipment, logistics, service) follow from an order; marketing
 * messages (cart recovery, holidays, win-back) need consent and are capped (rules R20, R22).
 */
public enum MessageCategory {
  TRANSACTIONAL,
  MARKETING
}
