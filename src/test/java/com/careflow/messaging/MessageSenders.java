package com.careflow.messaging;

import org.springframework.beans.factory.BeanFactory;

/**
 * How the running application sends, for the development stack and tests in other packages
 * (messaging keeps its port {@link MessageSender} package-private).
 */
public final class MessageSenders {

  private MessageSenders() {}

  /** The sender's mode ({@link MessageSender#mode}), e.g. {@code dry-run} or {@code twilio}. */
  public static String mode(BeanFactory beans) {
    return beans.getBean(MessageSender.class).mode();
  }
}
