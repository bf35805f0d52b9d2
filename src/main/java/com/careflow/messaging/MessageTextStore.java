package com.careflow.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The message texts operations edit (tables {@code message_text} and {@code message_text_version},
 * migration V12). A version's text never changes once written; a text points at the version sends
 * use (published) and at the one being edited (draft). Callers hold a transaction around {@link
 * #saveDraft} and {@link #publish}.
 */
@Repository
class MessageTextStore {

  static final String SEEDED = "SEEDED";
  static final String EDITED = "EDITED";

  private final JdbcClient jdbc;
  private final Clock clock;

  MessageTextStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A text: key and locale, its published and draft version numbers. */
  record Text(
      String key,
      String locale,
      Integer publishedVersion,
      Integer draftVersion,
      Instant updatedAt) {}

  /** One version of a text. */
  record Version(
      String key,
      String locale,
      int version,
      String body,
      String source,
      String createdBy,
      Instant createdAt,
      String publishedBy,
      Instant publishedAt) {}

  /**
   * Seeds a text from its template file when the database has none for this key and locale: version
   * 1, published. Never touches a text that exists (operations may have changed it).
   *
   * @return true when seeded now
   */
  boolean seed(String key, String locale, String body, String actor) {
    Timestamp now = now();
    int inserted =
        jdbc.sql(
                """
                INSERT INTO message_text (template_key, locale, published_version, draft_version,
                  updated_at) VALUES (:k, :l, 1, NULL, :now) ON CONFLICT DO NOTHING
                """)
            .param("k", key)
            .param("l", locale)
            .param("now", now)
            .update();
    if (inserted == 0) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO message_text_version (template_key, locale, version, body, source, created_by,
              created_at, published_by, published_at)
            VALUES (:k, :l, 1, :b, :s, :a, :now, :a, :now)
            """)
        .param("k", key)
        .param("l", locale)
        .param("b", body)
        .param("s", SEEDED)
        .param("a", actor)
        .param("now", now)
        .update();
    return true;
  }

  List<Text> texts() {
    return jdbc.sql("SELECT * FROM message_text ORDER BY template_key, locale")
        .query(this::text)
        .list();
  }

  Optional<Text> text(String key, String locale) {
    return jdbc.sql("SELECT * FROM message_text WHERE template_key = :k AND locale = :l")
        .param("k", key)
        .param("l", locale)
        .query(this::text)
        .optional();
  }

  Optional<Version> version(String key, String locale, int version) {
    return jdbc.sql(
            """
            SELECT * FROM message_text_version
            WHERE template_key = :k AND locale = :l AND version = :v
            """)
        .param("k", key)
        .param("l", locale)
        .param("v", version)
        .query(this::version)
        .optional();
  }

  /** Every version of a text, newest first. */
  List<Version> versions(String key, String locale) {
    return jdbc.sql(
            """
            SELECT * FROM message_text_version WHERE template_key = :k AND locale = :l
            ORDER BY version DESC
            """)
        .param("k", key)
        .param("l", locale)
        .query(this::version)
        .list();
  }

  /** The published versions of a key in the given locales (each locale at most once). */
  List<Version> published(String key, Collection<String> locales) {
    if (locales.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            SELECT v.* FROM message_text t JOIN message_text_version v
              ON v.template_key = t.template_key AND v.locale = t.locale
             AND v.version = t.published_version
            WHERE t.template_key = :k AND t.locale IN (:locales)
            """)
        .param("k", key)
        .param("locales", locales)
        .query(this::version)
        .list();
  }

  /**
   * Saves an edit as the text's next version and makes it the draft; creates the text (unpublished)
   * when the key and locale are new. Locks the text's row, so two saves get two versions.
   *
   * @return the new version number
   */
  int saveDraft(String key, String locale, String body, String actor) {
    Timestamp now = now();
    jdbc.sql(
            """
            INSERT INTO message_text (template_key, locale, published_version, draft_version,
              updated_at) VALUES (:k, :l, NULL, NULL, :now) ON CONFLICT DO NOTHING
            """)
        .param("k", key)
        .param("l", locale)
        .param("now", now)
        .update();
    jdbc.sql(
            "SELECT template_key FROM message_text WHERE template_key = :k AND locale = :l FOR UPDATE")
        .param("k", key)
        .param("l", locale)
        .query(String.class)
        .single();
    int next =
        jdbc.sql(
                """
                SELECT COALESCE(MAX(version), 0) + 1 FROM message_text_version
                WHERE template_key = :k AND locale = :l
                """)
            .param("k", key)
            .param("l", locale)
            .query(Integer.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO message_text_version (template_key, locale, version, body, source, created_by,
              created_at) VALUES (:k, :l, :v, :b, :s, :a, :now)
            """)
        .param("k", key)
        .param("l", locale)
        .param("v", next)
        .param("b", body)
        .param("s", EDITED)
        .param("a", actor)
        .param("now", now)
        .update();
    jdbc.sql(
            """
            UPDATE message_text SET draft_version = :v, updated_at = :now
            WHERE template_key = :k AND locale = :l
            """)
        .param("k", key)
        .param("l", locale)
        .param("v", next)
        .param("now", now)
        .update();
    return next;
  }

  /**
   * Makes {@code version} the one sends use from now on; the draft is cleared when it is the
   * version published (publishing an older version, a roll-back, keeps the draft).
   */
  void publish(String key, String locale, int version, String actor) {
    Timestamp now = now();
    jdbc.sql(
            """
            UPDATE message_text SET published_version = :v,
              draft_version = CASE WHEN draft_version = :v THEN NULL ELSE draft_version END,
              updated_at = :now
            WHERE template_key = :k AND locale = :l
            """)
        .param("k", key)
        .param("l", locale)
        .param("v", version)
        .param("now", now)
        .update();
    jdbc.sql(
            """
            UPDATE message_text_version SET published_by = :a, published_at = :now
            WHERE template_key = :k AND locale = :l AND version = :v
            """)
        .param("k", key)
        .param("l", locale)
        .param("v", version)
        .param("a", actor)
        .param("now", now)
        .update();
  }

  private Text text(ResultSet rs, int n) throws SQLException {
    return new Text(
        rs.getString("template_key"),
        rs.getString("locale"),
        rs.getObject("published_version", Integer.class),
        rs.getObject("draft_version", Integer.class),
        instant(rs, "updated_at"));
  }

  private Version version(ResultSet rs, int n) throws SQLException {
    return new Version(
        rs.getString("template_key"),
        rs.getString("locale"),
        rs.getInt("version"),
        rs.getString("body"),
        rs.getString("source"),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        rs.getString("published_by"),
        instant(rs, "published_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}
