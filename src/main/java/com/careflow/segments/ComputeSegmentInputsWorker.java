package com.careflow.segments;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * Gives a journey the RFM inputs of the customer-segment tables (rules R15, R16); only figures, no
 * PII.
 */
@Component
public class ComputeSegmentInputsWorker {

  private final SegmentInputs inputs;

  ComputeSegmentInputsWorker(SegmentInputs inputs) {
    this.inputs = inputs;
  }

  public record Input(String customerId) {}

  @JobWorker(type = SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, fetchVariables = "customerId")
  public SegmentInputsQuery.Values computeSegmentInputs(@VariablesAsType Input input) {
    return inputs.compute(input.customerId());
  }
}
