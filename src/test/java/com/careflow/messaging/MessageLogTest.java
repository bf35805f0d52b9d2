package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.messagestatus.MessageStatus;
import com.careflow.support.RepositoryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

@Import(MessageLog.class)
class MessageLogTest extends RepositoryTestBase {

  @Autowired MessageLog log;
  @Autowired JdbcClient jdbc;

  private MessageLog.Attempt attempt(String sendKey) {
    return new MessageLog.Attempt(
        sendKey,
        "c-log",
        "o-1",
        42L,
        "Activity_SendPaymentReminder",
        "payment-reminder-new",
        MessageCategory.TRANSACTIONAL,
        Channel.SMS,
        "Pay now");
  }

  @Test
  void anAttemptIsPendingUntilTheProviderAnswers() {
    log.recordAttempt(attempt("42/a/1"));
    assertThat(log.findBySendKey("42/a/1"))
        .get()
        .returns(MessageStatus.PENDING, MessageLog.Entry::status);

    log.recordSent("42/a/1", new SendReceipt("SM123", MessageStatus.QUEUED));

    assertThat(log.findBySendKey("42/a/1"))
        .get()
        .returns(MessageStatus.QUEUED, MessageLog.Entry::status)
        .returns("SM123", MessageLog.Entry::messageSid)
        .returns(42L, MessageLog.Entry::processInstanceKey);
  }

  @Test
  void aSendKeyIsRecordedOnlyOnce() {
    log.recordAttempt(attempt("42/a/2"));

    assertThatThrownBy(() -> log.recordAttempt(attempt("42/a/2")))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void aFailureKeepsTheProvidersCode() {
    log.recordAttempt(attempt("42/a/3"));
    log.recordFailed("42/a/3", 21211, "Invalid 'To' Phone Number");

    assertThat(log.findBySendKey("42/a/3"))
        .get()
        .returns(MessageStatus.FAILED, MessageLog.Entry::status)
        .returns(21211, MessageLog.Entry::errorCode);
    assertThat(log.findByCustomer("c-log"))
        .extracting(MessageLog.Entry::sendKey)
        .contains("42/a/3");
  }

  @Test
  void aStoredStatusTheEnumDoesNotKnowIsAClearErrorNamingTheValueAndTheRow() {
    long id = log.recordAttempt(attempt("42/a/4"));
    jdbc.sql("UPDATE message_log SET status = 'BRAND_NEW' WHERE id = :id").param("id", id).update();

    assertThatThrownBy(() -> log.findBySendKey("42/a/4"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("message_log row " + id)
        .hasMessageContaining("'BRAND_NEW'");
  }

  @Test
  void aKeptReportWithAStatusTheEnumDoesNotKnowIsAClearErrorNamingTheValueAndTheRow() {
    jdbc.sql(
            "INSERT INTO unmatched_status_report (message_sid, status, received_at)"
                + " VALUES ('SM-odd', 'lost', CURRENT_TIMESTAMP)")
        .update();
    long id =
        jdbc.sql("SELECT id FROM unmatched_status_report WHERE message_sid = 'SM-odd'")
            .query(Long.class)
            .single();

    assertThatThrownBy(() -> log.applyStoredReports("SM-odd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unmatched_status_report row " + id)
        .hasMessageContaining("'lost'");
  }
}
