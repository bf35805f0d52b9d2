package com.careflow.platform;

import com.careflow.backoff.ExponentialBackoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every job worker waits out a database that is briefly away ({@link
 * TransientJobFailureStrategy}).
 *
 * @param transientBackoffInitial the first wait before the job is offered again after a transient
 *     database failure; doubles with each further one for the same job
 * @param transientBackoffMax the longest of those waits; the job's retries are not decremented, so
 *     a database that is away for any time creates no incident
 */
@ConfigurationProperties("careflow.jobs")
record JobsProperties(
    @DefaultValue("PT1S") Duration transientBackoffInitial,
    @DefaultValue("PT1M") Duration transientBackoffMax) {

  public JobsProperties {
    if (transientBackoffInitial.isNegative()
        || transientBackoffInitial.isZero()
        || transientBackoffMax.compareTo(transientBackoffInitial) < 0) {
      throw new IllegalArgumentException(
          "careflow.jobs.transient-backoff-initial must be positive and at most"
              + " careflow.jobs.transient-backoff-max");
    }
  }

  /** The wait after the {@code attempt}-th transient failure in a row (1-based). */
  public Duration backoff(int attempt) {
    return new ExponentialBackoff(transientBackoffInitial, transientBackoffMax).after(attempt);
  }
}
