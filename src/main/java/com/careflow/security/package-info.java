/**
 * Who may use Careflow's operator surfaces, and a record of what they read.
 *
 * <p>Spring Security in front of every HTTP route, configured only through settings:
 *
 * <ul>
 *   <li>users with hashed passwords from {@code careflow.security.users[i]} (HTTP Basic for
 *       scripts, stateless; form login at {@code /login} for browsers, with CSRF protection; the
 *       page itself is the dashboard's);
 *   <li>bearer JWTs from any OIDC provider (Camunda Identity, Keycloak, …) when {@code
 *       spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri} / {@code
 *       public-key-location}) is set; roles come from the claim {@code
 *       careflow.security.jwt.roles-claim} (a dotted path such as {@code realm_access.roles}).
 * </ul>
 *
 * Neither configured: the application refuses to start, naming both settings.
 *
 * <p>Route rules: {@code /api/admin/**}, every non-GET under {@code /api/**}, {@code /local/**} and
 * Actuator beyond health, liveness and readiness need {@link com.careflow.security.Role#ADMIN}, as
 * does every non-GET request to the dashboard's {@code /message-texts/**} forms; GET {@code
 * /api/**} needs {@link com.careflow.security.Role#VIEWER} or ADMIN; every other page needs a
 * login. Open: the Twilio webhooks {@code /api/twilio/**} (they check Twilio's signature
 * themselves) and {@code /actuator/health} (status only), {@code .../liveness}, {@code
 * .../readiness}.
 *
 * <p>What other modules use: {@link com.careflow.security.Role}, {@link
 * com.careflow.security.CurrentOperator} (who is asking, and texts redacted for their role) and
 * {@link com.careflow.security.AuditLog} (who read what, when, from where), and {@link
 * com.careflow.security.LoginSettingsCheck} (the login part of the production start-up checks), and
 * {@link com.careflow.security.DemoLogin} (the embedded default's demo login, for its hints). Owns
 * the table {@code audit_log} (V6).
 */
@ApplicationModule(allowedDependencies = "coupons")
package com.careflow.security;

import org.springframework.modulith.ApplicationModule;
