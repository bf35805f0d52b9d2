package com.careflow.campaigns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign fan-out settings.
 *
 * @param batchSize customers one batch job reads and starts offers for (rule R19 campaigns)
 */
@ConfigurationProperties("careflow.campaigns")
public record CampaignProperties(@DefaultValue("500") int batchSize) {}
