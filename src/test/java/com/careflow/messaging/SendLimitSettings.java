package com.careflow.messaging;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The send limit's sharing as an environment binds it (its defaults included), for tests in other
 * packages (messaging keeps {@link SendLimitProperties} package-private).
 *
 * @param shared whether the instance counts against the bucket every instance shares
 * @param bucketId the shared bucket's row
 */
public record SendLimitSettings(boolean shared, long bucketId) {

  /** {@code careflow.messaging.send-limit} as {@code binder}'s environment sets it. */
  public static SendLimitSettings bind(Binder binder) {
    SendLimitProperties limit =
        binder.bindOrCreate(
            "careflow.messaging.send-limit", Bindable.of(SendLimitProperties.class));
    return new SendLimitSettings(limit.shared(), limit.bucketId());
  }
}
