package com.careflow.platform;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures are the database being briefly away (a failover, a restart, a full pool) rather
 * than a fault of the work itself: worth waiting for, never a reason for an incident or a dead
 * letter. One classifier for the job workers ({@link TransientJobFailureStrategy}) and the event
 * intake.
 *
 * <p>Transient: anywhere in the cause chain, Spring's {@link TransientDataAccessException}, {@link
 * RecoverableDataAccessException}, {@link CannotGetJdbcConnectionException}, {@link
 * CannotCreateTransactionException}; JDBC's {@link SQLTransientException} (Hikari's connection
 * timeout) and {@link SQLRecoverableException}; and an {@link SQLException} whose SQL state is one
 * a failover produces — class {@code 08} (connection exception: Spring translates a connection lost
 * mid-statement to the non-transient {@code DataAccessResourceFailureException}), {@code 57P01}
 * admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect now (starting up or in
 * recovery), {@code 53300} too many connections, {@code 25006} read-only transaction (the old
 * primary, now a replica, still answering), {@code 40001} serialization failure and {@code 40P01}
 * deadlock.
 */
public final class TransientFailures {

  /** SQL states of a failover or restart (PostgreSQL's codes; class 08 is matched as a class). */
  static final Set<String> FAILOVER_SQL_STATES =
      Set.of("57P01", "57P02", "57P03", "53300", "25006", "40001", "40P01");

  private TransientFailures() {}

  /** Whether {@code e} or any of its causes is the database briefly away (see the class doc). */
  public static boolean isDataAccessTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof CannotGetJdbcConnectionException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && isFailoverState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static boolean isFailoverState(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08") || FAILOVER_SQL_STATES.contains(sqlState));
  }
}
