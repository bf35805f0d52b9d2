package com.careflow.security;

import com.careflow.coupons.CouponCodeRedaction;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The operator behind the current request (Spring Security's context of this thread). */
public final class CurrentOperator {

  /** The actor recorded when no one is logged in (a background job, an open route). */
  public static final String ANONYMOUS = "anonymous";

  private CurrentOperator() {}

  /** The login name (user name, or the JWT's principal claim); {@value #ANONYMOUS} without one. */
  public static String name() {
    Authentication authentication = authentication();
    return authentication == null ? ANONYMOUS : authentication.getName();
  }

  /** The Careflow roles of the current operator; empty when anonymous. */
  public static Set<Role> roles() {
    Authentication authentication = authentication();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (authentication != null) {
      for (GrantedAuthority granted : authentication.getAuthorities()) {
        for (Role role : Role.values()) {
          if (role.authority().equals(granted.getAuthority())) {
            roles.add(role);
          }
        }
      }
    }
    return roles;
  }

  /**
   * A message text as the current operator may see it: unchanged for an {@link Role#ADMIN}, with
   * coupon codes redacted for anyone else (viewers; no login at all counts as the least role).
   */
  public static String messageText(String text) {
    return roles().contains(Role.ADMIN) ? text : CouponCodeRedaction.redact(text);
  }

  private static Authentication authentication() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null
            || authentication instanceof AnonymousAuthenticationToken
            || !authentication.isAuthenticated()
        ? null
        : authentication;
  }
}
