/**
 * The customer store: buyers' contact data, consent, carts and order history, kept from the shop's
 * events and never put into the engine. Owns the tables {@code customer} (V1) and {@code
 * order_fact} (V2); no other module queries them.
 *
 * <p>Exposes {@link com.careflow.customers.CustomerProfiles} (profiles: the event intake's profile
 * upserts, contact look-ups for messaging), {@link com.careflow.customers.OrderHistory} (order
 * facts, purchase counters and carts from the event intake; order state for messaging's send
 * conditions), {@link com.careflow.customers.CustomerQueries} (the read port of campaigns and
 * segments: audiences, carts, paid order history), {@link com.careflow.customers.Customer}, {@link
 * com.careflow.customers.OrderState}, {@link com.careflow.customers.PurchaseStats}, {@link
 * com.careflow.customers.PhoneNumbers} and {@link com.careflow.customers.CustomerJobTypes} ({@code
 * lookup-buyer}, rules R1, R2). Depends on no other module.
 */
@ApplicationModule(allowedDependencies = {})
package com.careflow.customers;

import org.springframework.modulith.ApplicationModule;
