package com.careflow.messaging;

import com.careflow.customers.CustomerProfiles;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operations: a buyer's number flagged invalid by mistake (before issue #15, Twilio account
 * problems such as 21408 flagged the buyer) is cleared here, audited: who (the authenticated
 * principal), when and why, in {@code contact_flag_audit}. Under {@code /api/admin/**}, which only
 * administrators reach. Phone numbers are masked in every answer.
 */
@RestController
class ContactFlagsController {

  private static final Logger log = LoggerFactory.getLogger(ContactFlagsController.class);

  private final CustomerProfiles customers;
  private final ContactStatus contacts;

  ContactFlagsController(CustomerProfiles customers, ContactStatus contacts) {
    this.customers = customers;
    this.contacts = contacts;
  }

  record FlagView(
      String customerId,
      String phone,
      boolean invalidNumber,
      Integer invalidErrorCode,
      boolean optedOut,
      List<ContactStatus.FlagAudit> history) {}

  /** The number's flags and the changes operators made. 404 for an unknown customer. */
  @GetMapping(
      path = "/api/admin/contacts/{customerId}/flag",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<FlagView> show(@PathVariable String customerId) {
    var customer = customers.find(customerId).filter(c -> c.phone() != null);
    if (customer.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    String phone = customer.get().phone();
    var flags = contacts.find(phone);
    return ResponseEntity.ok(
        new FlagView(
            customerId,
            PhoneNumbers.mask(phone),
            flags.map(ContactStatus.Flags::invalidNumber).orElse(false),
            flags.map(ContactStatus.Flags::invalidErrorCode).orElse(null),
            flags.map(ContactStatus.Flags::optedOut).orElse(false),
            contacts.audit(customerId)));
  }

  /**
   * Clears the invalid-number flag of the customer's current number.
   *
   * @param reason why (required, up to 500 characters), e.g. "21408 was our region setting"
   * @return 200 with the audit entry; 400 without a reason; 404 for an unknown customer or a number
   *     that is not flagged
   */
  @DeleteMapping(
      path = "/api/admin/contacts/{customerId}/flag",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> clear(
      @PathVariable String customerId,
      @RequestParam(required = false) String reason,
      Principal principal) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "a reason (1-500 characters) is required to clear a flag"));
    }
    var customer = customers.find(customerId).filter(c -> c.phone() != null);
    if (customer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("error", "no customer " + customerId + " with a phone number"));
    }
    String actor = principal == null ? "unauthenticated" : principal.getName();
    var cleared = contacts.clearInvalid(customerId, customer.get().phone(), reason.strip(), actor);
    if (cleared.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("error", "the number of customer " + customerId + " is not flagged"));
    }
    log.warn(
        "{} cleared the invalid-number flag of customer {} ({}): {}",
        actor,
        customerId,
        cleared.get().maskedPhone(),
        reason.strip());
    return ResponseEntity.ok(cleared.get());
  }
}
