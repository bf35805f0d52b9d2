package com.careflow.segments;

/**
 * Job types of the segments module's workers, kept in the module that implements them; {@code
 * ModelConsistencyTest} lists them with the others.
 */
public final class SegmentJobTypes {

  private SegmentJobTypes() {}

  /**
   * Computes a customer's RFM inputs (recency, frequency, monetary, order sizes) for the segment
   * table (R15, R16).
   */
  public static final String COMPUTE_SEGMENT_INPUTS = "compute-segment-inputs";

  /** The decision that turns RFM inputs into a segment (dmn/customer-segment.dmn, R15). */
  public static final String SEGMENT_DECISION = "customer-segment";

  /** The decision that tags large, wholesale-like buyers (dmn/customer-segment.dmn, R16). */
  public static final String LARGE_BUYER_DECISION = "large-buyer";
}
