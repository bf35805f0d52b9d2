package com.careflow.segments;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Segmentation settings. The thresholds live in {@code dmn/customer-segment.dmn}; only the
 * look-back period of the frequency and monetary figures is a setting, because the worker needs it
 * for its query.
 *
 * @param period how far back frequency and monetary value count (rule R15: 12 months by default)
 */
@ConfigurationProperties("careflow.segments")
record SegmentProperties(@DefaultValue("P12M") Period period) {}
