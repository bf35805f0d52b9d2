package com.careflow.messaging;

/**
 * What the provider answered for an accepted message.
 *
 * @param providerId Twilio's MessageSid, or a {@code DRY_RUN-…} id in dry-run mode
 * @param status the provider's status ({@code queued}, {@code accepted}, …) or {@code DRY_RUN}
 */
public record SendReceipt(String providerId, String status) {}
