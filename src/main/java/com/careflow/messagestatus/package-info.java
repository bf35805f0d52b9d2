/**
 * Shared kernel: the one {@link com.careflow.messagestatus.MessageStatus} type (Twilio's and
 * Careflow's message statuses, their order, finality and analytics' credit rank). Owns no tables
 * and no beans. Its own module because messaging, analytics and experiments all need the statuses
 * and messaging depends on the other two, so none of them can own the type without a dependency
 * cycle; everything else stays in its feature module.
 */
@ApplicationModule(allowedDependencies = {})
package com.careflow.messagestatus;

import org.springframework.modulith.ApplicationModule;
