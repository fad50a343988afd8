"""Numbered schema migrations. Each step is frozen once released: never edit one,
add the next. ``user_version`` records the last step applied."""

from __future__ import annotations

from collections.abc import Callable
from sqlite3 import Connection

M001_INITIAL = """
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    ring VARCHAR(255) NOT NULL DEFAULT 'cold'
        CHECK (ring IN ('cold', 'lukewarm', 'strategic', 'buddy')),
    cadence_override INTEGER CHECK (cadence_override IS NULL OR cadence_override > 0),
    introduced_by_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
    snoozed_until DATE,
    extra TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_name_key ON person (name_key);
CREATE INDEX person_live_name ON person (deleted_at, name COLLATE NOCASE);
CREATE INDEX person_introduced_by ON person (introduced_by_id);

CREATE TABLE membership (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    network VARCHAR(255) NOT NULL CHECK (network IN ('support', 'peer', 'mentor', 'mentee')),
    peer_side VARCHAR(255) CHECK (peer_side IS NULL OR peer_side IN ('inside', 'outside')),
    distant INTEGER NOT NULL DEFAULT 0,
    UNIQUE (person_id, network)
);
CREATE INDEX membership_network ON membership (network, person_id);

CREATE TABLE ring_move (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    from_ring VARCHAR(255),
    to_ring VARCHAR(255) NOT NULL,
    moved_at DATETIME NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ring_move_person ON ring_move (person_id, moved_at);
CREATE INDEX ring_move_moved_at ON ring_move (moved_at);

CREATE TABLE knows (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (person_id, other_id),
    CHECK (person_id <> other_id)
);
CREATE INDEX knows_other ON knows (other_id);

CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE person_tag (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    kind VARCHAR(255) NOT NULL CHECK (kind IN ('help', 'offer')),
    UNIQUE (person_id, tag_id, kind)
);
CREATE INDEX person_tag_tag ON person_tag (tag_id);

CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    date DATE NOT NULL,
    kind VARCHAR(255) NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    reciprocity VARCHAR(255) CHECK (reciprocity IS NULL OR reciprocity IN ('gave', 'received', 'mutual')),
    follow_up DATE,
    follow_up_done INTEGER NOT NULL DEFAULT 0,
    follow_up_snoozed_until DATE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX interaction_date ON interaction (date, id);
CREATE INDEX interaction_open_follow_up ON interaction (follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done = 0;

CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    date DATE NOT NULL,
    UNIQUE (interaction_id, person_id)
);
CREATE INDEX participant_person_date ON participant (person_id, date);

CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    summary, notes, content='interaction', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
    INSERT INTO interaction_fts (rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;
CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
END;
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF summary, notes ON interaction BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
    INSERT INTO interaction_fts (rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;

CREATE TABLE setting (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Two small partial indexes for the overview (store/overview.py):
# - the weekly chart counts live interactions by date from the index alone instead of
#   reading ~90,000 rows for a year of a large journal (150 ms -> 8 ms at 200,000);
# - "is any interaction deleted?" becomes one index probe, so last-contact dates can
#   come from participant's covering index alone when none is (80 ms -> 20 ms at 10,000 people).
M002_OVERVIEW_INDEXES = """
CREATE INDEX interaction_live_date ON interaction (date) WHERE deleted_at IS NULL;
CREATE INDEX interaction_deleted ON interaction (id) WHERE deleted_at IS NOT NULL;
"""

# Each person's last contact, kept by triggers instead of worked out on every read:
# the Overview, People and Funnel read it for 10,000 people at a time.
_LIVE_LAST = """(SELECT max(pa.date) FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
                 WHERE pa.person_id = {who} AND i.deleted_at IS NULL)"""

M003_LAST_CONTACT = f"""
ALTER TABLE person ADD COLUMN last_contact DATE;
UPDATE person SET last_contact = {_LIVE_LAST.format(who="person.id")};
CREATE INDEX person_last_contact ON person (last_contact);
CREATE TRIGGER participant_last_contact_insert AFTER INSERT ON participant
WHEN EXISTS (SELECT 1 FROM interaction WHERE id = new.interaction_id AND deleted_at IS NULL)
BEGIN
    UPDATE person SET last_contact = new.date
     WHERE id = new.person_id AND (last_contact IS NULL OR last_contact < new.date);
END;
CREATE TRIGGER participant_last_contact_delete AFTER DELETE ON participant BEGIN
    UPDATE person SET last_contact = {_LIVE_LAST.format(who="old.person_id")} WHERE id = old.person_id;
END;
CREATE TRIGGER participant_last_contact_update AFTER UPDATE OF date, person_id, interaction_id ON participant BEGIN
    UPDATE person SET last_contact = {_LIVE_LAST.format(who="old.person_id")} WHERE id = old.person_id;
    UPDATE person SET last_contact = {_LIVE_LAST.format(who="new.person_id")} WHERE id = new.person_id;
END;
CREATE TRIGGER interaction_last_contact_live AFTER UPDATE OF deleted_at ON interaction
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
    UPDATE person SET last_contact = {_LIVE_LAST.format(who="person.id")}
     WHERE id IN (SELECT person_id FROM participant WHERE interaction_id = new.id);
END;
"""

# The search index holds live entries only. Soft-deleted ones used to stay in it, so every
# count of matches had to look each match up to leave them out (50 ms for a one-letter
# search of 200,000 entries); now the index counts its own matches in about a millisecond.
# Its content is a view of the live entries, so FTS5's integrity check still compares it
# with what it should hold. Restoring an entry puts it back, as cheaply as logging one.
M004_SEARCH_LIVE_ONLY = """
DROP TRIGGER interaction_fts_insert;
DROP TRIGGER interaction_fts_delete;
DROP TRIGGER interaction_fts_update;
DROP TABLE interaction_fts;
CREATE VIEW interaction_live_text AS
    SELECT id, summary, notes FROM interaction WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    summary, notes, content='interaction_live_text', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO interaction_fts (interaction_fts) VALUES ('rebuild');
CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO interaction_fts (rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;
CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
END;
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF summary, notes, deleted_at ON interaction BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, summary, notes)
        SELECT 'delete', old.id, old.summary, old.notes WHERE old.deleted_at IS NULL;
    INSERT INTO interaction_fts (rowid, summary, notes)
        SELECT new.id, new.summary, new.notes WHERE new.deleted_at IS NULL;
END;
"""

# Two Journal filters walked the whole date index looking each entry up: a kind
# ("coffee": 390 ms to count on 200,000 entries) and open follow-ups (the last page,
# 300 ms). Partial indexes over live entries answer both in about a millisecond.
M005_JOURNAL_FILTER_INDEXES = """
CREATE INDEX interaction_live_kind ON interaction (kind, date) WHERE deleted_at IS NULL;
CREATE INDEX interaction_open_by_date ON interaction (date)
    WHERE deleted_at IS NULL AND follow_up IS NOT NULL AND follow_up_done = 0;
"""


def _script(sql: str) -> Callable[[Connection], None]:
    def run(conn: Connection) -> None:
        # executescript would commit the surrounding transaction; run statements one by one.
        for statement in _statements(sql):
            conn.execute(statement)

    return run


def _statements(sql: str) -> list[str]:
    """Split a script on semicolons that end a statement (trigger bodies hold their own)."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for line in sql.strip().splitlines():
        buf.append(line)
        word = line.strip().upper()
        if word.startswith("CREATE TRIGGER"):
            depth += 1
        if depth and word == "END;":
            depth -= 1
            out.append("\n".join(buf))
            buf = []
        elif not depth and word.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out


# Step N of the list brings a database from user_version N-1 to N.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _script(M001_INITIAL),
    _script(M002_OVERVIEW_INDEXES),
    _script(M003_LAST_CONTACT),
    _script(M004_SEARCH_LIVE_ONLY),
    _script(M005_JOURNAL_FILTER_INDEXES),
]

LATEST_VERSION = len(MIGRATIONS)
