package com.careflow.security;

/**
 * Careflow's operator roles. Spring Security authorities are {@code ROLE_VIEWER} and {@code
 * ROLE_ADMIN}.
 */
enum Role {
  /** Operations viewer: journey results and message logs, with coupon codes redacted. */
  VIEWER,
  /** Operations admin: everything, including {@code /local/**} and Actuator. */
  ADMIN;

  /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
  public String authority() {
    return "ROLE_" + name();
  }
}
