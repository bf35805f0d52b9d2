package com.careflow.campaigns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign fan-out settings.
 *
 * @param batchSize customers one batch job reads and starts offers for (rule R19 campaigns)
 * @param startsInFlight offer starts a batch job keeps waiting for the engine's answer at once
 */
@ConfigurationProperties("careflow.campaigns")
record CampaignProperties(
    @DefaultValue("500") int batchSize, @DefaultValue("32") int startsInFlight) {

  public CampaignProperties {
    if (batchSize < 1 || startsInFlight < 1) {
      throw new IllegalArgumentException(
          "careflow.campaigns.batch-size and starts-in-flight must be at least 1");
    }
  }
}
