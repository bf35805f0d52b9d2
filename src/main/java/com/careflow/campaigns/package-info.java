/**
 * Re-engagement between orders (rules R18–R22): cart recovery, the daily holiday re-engagement with
 * its campaigns fanned out in batches, and the per-customer campaign offer ({@code
 * bpmn/cart-recovery.bpmn}, {@code bpmn/holiday-reengagement.bpmn}, {@code
 * bpmn/campaign-offer.bpmn}). Owns the tables {@code campaign} and {@code campaign_recipient} (V5,
 * V10); reads customers, carts and consent only through {@link
 * com.careflow.customers.CustomerQueries}, a customer's segment inputs through {@link
 * com.careflow.segments.SegmentInputsQuery} (a dry run evaluates the offer's tables) and whether a
 * buyer can be messaged through {@link com.careflow.messaging.Contactability}.
 *
 * <p>Exposes to other modules only {@link com.careflow.campaigns.Occasion} (the audiences the
 * occasion calendar may name) and {@link com.careflow.campaigns.CampaignJobTypes} (its process,
 * decision and job-type ids, for the models' structural test) and the read port {@link
 * com.careflow.campaigns.CampaignQueries} (each campaign's audience and its customers by status,
 * for the dashboard, #17); its workers are public only because the Camunda client invokes them
 * reflectively.
 */
@ApplicationModule(allowedDependencies = {"customers", "messaging", "segments"})
package com.careflow.campaigns;

import org.springframework.modulith.ApplicationModule;
