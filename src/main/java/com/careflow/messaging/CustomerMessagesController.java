package com.careflow.messaging;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * For customer service: what Careflow sent a buyer, or decided not to send (SKIPPED with its reason
 * code), oldest first ({@link CustomerMessages}). No phone numbers; coupon codes only for
 * operations admins. Every read is written to the audit log.
 */
@RestController
class CustomerMessagesController {

  private final CustomerMessages messages;

  CustomerMessagesController(CustomerMessages messages) {
    this.messages = messages;
  }

  @GetMapping(
      path = "/api/customers/{customerId}/messages",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<CustomerMessages.MessageView> messages(@PathVariable String customerId) {
    return messages.read(customerId);
  }
}
