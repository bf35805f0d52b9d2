/**
 * Customer segments (rules R15, R16): the {@code compute-segment-inputs} worker gives a journey a
 * customer's RFM inputs for {@code dmn/customer-segment.dmn}, read through {@link
 * com.careflow.customers.CustomerQueries}. Owns no table.
 *
 * <p>Exposes {@link com.careflow.segments.SegmentJobTypes} (its job type and the decision ids) and
 * {@link com.careflow.segments.SegmentInputsQuery} (the same inputs for a campaign's dry run); its
 * worker is public only because the Camunda client invokes it reflectively.
 */
@ApplicationModule(allowedDependencies = "customers")
package com.careflow.segments;

import org.springframework.modulith.ApplicationModule;
