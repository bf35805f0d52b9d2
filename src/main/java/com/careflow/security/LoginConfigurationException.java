package com.careflow.security;

/**
 * Start-up refused: no way to log in is configured, or a configured operator could never log in.
 * The message is one line naming the setting.
 */
class LoginConfigurationException extends IllegalStateException {

  LoginConfigurationException(String reason) {
    super(reason);
  }
}
