package com.careflow.security;

import java.util.Arrays;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The embedded default's demo login: operator {@value #USERNAME}, password {@value #PASSWORD}
 * (configured as {@code {noop}demo}), operations admin. Known to everyone, so shown only where the
 * development stack runs (the start-up summary, the login page's hint) and only while configured
 * exactly so; a configured password is never shown.
 */
public final class DemoLogin {

  /** The demo operator's name. */
  public static final String USERNAME = "demo";

  /** The demo operator's password, in plain text. */
  public static final String PASSWORD = "demo";

  private DemoLogin() {}

  /** Whether this operator is the demo login: its name and its built-in plain password. */
  public static boolean isDemo(String username, String password) {
    return USERNAME.equals(username) && ("{noop}" + PASSWORD).equals(password);
  }

  /**
   * Whether {@code careflow.security.users} of these settings hold the demo login as an operations
   * admin.
   */
  public static boolean configured(Binder settings) {
    for (int i = 0; ; i++) {
      String key = "careflow.security.users[" + i + "]";
      String name = settings.bind(key + ".username", String.class).orElse(null);
      if (name == null) {
        return false;
      }
      String password = settings.bind(key + ".password", String.class).orElse("");
      boolean admin =
          Arrays.stream(settings.bind(key + ".roles", String[].class).orElse(new String[0]))
              .anyMatch(role -> role.strip().equalsIgnoreCase(Role.ADMIN.name()));
      if (admin && isDemo(name, password)) {
        return true;
      }
    }
  }
}
