package com.careflow.journeys;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Journey settings that are not business rules (those live in the DMN tables).
 *
 * @param shopTimeZone the zone the shop's staff work in; calling hours (rule R3) are read in it
 */
@ConfigurationProperties("careflow.journeys")
public record JourneysProperties(@DefaultValue("Asia/Shanghai") ZoneId shopTimeZone) {}
