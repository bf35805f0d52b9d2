-- Message texts as operations' data (issue #21, finding 3). Runs on PostgreSQL and H2 (MODE=PostgreSQL).
-- Seeded from the bundled template files at first start (a text the table already has is never
-- overwritten); operations save drafts and publish them through /api/message-texts and the
-- dashboard's "Message texts" page, without a restart.

-- Every version of every text, never changed once written: version 1 is the bundled file (or the
-- file of a template location) at seeding, each saved edit is the next version.
CREATE TABLE message_text_version (
    template_key  VARCHAR(100)  NOT NULL,
    locale        VARCHAR(16)   NOT NULL,
    version       INTEGER       NOT NULL,
    body          TEXT          NOT NULL,
    source        VARCHAR(12)   NOT NULL,  -- SEEDED (from a template file) or EDITED
    created_by    VARCHAR(200)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by  VARCHAR(200),            -- the last publication of this version
    published_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (template_key, locale, version)
);

-- One row per text (key and locale): the version sends use, and the draft being edited.
CREATE TABLE message_text (
    template_key       VARCHAR(100) NOT NULL,
    locale             VARCHAR(16)  NOT NULL,
    published_version  INTEGER,
    draft_version      INTEGER,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (template_key, locale)
);

-- Which text a send used: its locale and version (null for sends before this migration).
ALTER TABLE message_log ADD COLUMN text_locale VARCHAR(16);
ALTER TABLE message_log ADD COLUMN text_version INTEGER;
