package com.careflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.RepositoryTestBase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The audit log table (migration V6) on the test database (PostgreSQL in CI). */
@Import(AuditLog.class)
// a context of its own: few connections, closed when done (the test database is shared)
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=2")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuditLogTest extends RepositoryTestBase {

  @Autowired AuditLog auditLog;

  @Test
  void rowsKeepWhoWhatWhichSubjectWhenAndFromWhere_oldestFirst() {
    String customer = "c-" + UUID.randomUUID();
    Instant before = Instant.now();

    auditLog.record("anna", AuditLog.READ_CUSTOMER_MESSAGES, customer, "203.0.113.7");
    auditLog.record("demo", AuditLog.READ_CUSTOMER_MESSAGES, customer, "2001:db8::1");
    auditLog.record("demo", AuditLog.READ_CUSTOMER_MESSAGES, "c-other-" + UUID.randomUUID(), null);

    assertThat(auditLog.findBySubject(customer))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.action()).isEqualTo(AuditLog.READ_CUSTOMER_MESSAGES);
              assertThat(e.subject()).isEqualTo(customer);
              assertThat(e.occurredAt()).isBetween(before.minusSeconds(1), Instant.now());
            })
        .extracting(AuditLog.Entry::actor, AuditLog.Entry::remoteAddress)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("anna", "203.0.113.7"),
            org.assertj.core.groups.Tuple.tuple("demo", "2001:db8::1"));
  }

  @Test
  void outsideARequestTheCurrentOperatorIsRecordedAsAnonymousWithoutAddress() {
    String customer = "c-" + UUID.randomUUID();

    auditLog.record(AuditLog.READ_CUSTOMER_MESSAGES, customer);

    assertThat(auditLog.findBySubject(customer))
        .singleElement()
        .returns(CurrentOperator.ANONYMOUS, AuditLog.Entry::actor)
        .returns(null, AuditLog.Entry::remoteAddress);
  }
}
