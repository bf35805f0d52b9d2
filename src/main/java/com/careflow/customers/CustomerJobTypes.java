package com.careflow.customers;

/**
 * The job types this module's {@code @JobWorker}s serve, named as the BPMN models name them. {@code
 * ModelConsistencyTest} keeps every module's job types in step with the models and the workers.
 */
public final class CustomerJobTypes {

  private CustomerJobTypes() {}

  /** Looks up whether the buyer is new or returning ({@code LookupBuyerWorker}). */
  public static final String LOOKUP_BUYER = "lookup-buyer";
}
