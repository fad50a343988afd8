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
#   reading every entry of the year;
# - "is any interaction deleted?" becomes one index probe, so last-contact dates can
#   come from participant's covering index alone when none is.
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
# count of matches had to look each match up to leave them out; now the index counts its
# own matches without reading a single entry.
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
# ("coffee") and open follow-ups (worst on the last page). Partial indexes over live
# entries answer both from the index alone.
M005_JOURNAL_FILTER_INDEXES = """
CREATE INDEX interaction_live_kind ON interaction (kind, date) WHERE deleted_at IS NULL;
CREATE INDEX interaction_open_by_date ON interaction (date)
    WHERE deleted_at IS NULL AND follow_up IS NOT NULL AND follow_up_done = 0;
"""

# What the Overview and the Agenda need, kept up to date as data changes instead of worked
# out for everyone at every start, so they cost the same for 500 people as for 50,000.
#
# person.due_on: the first day a person counts as due (NULL: never due). Someone contacted
# is due once the days since contact exceed their interval, so from last_contact +
# interval + 1; someone never contacted has been due since the day they were added. Cold
# people and distant mentors are never due. The interval is the person's own, else their
# ring's from the settings (cadence.RING, JSON; "null" means never), else the default.
# domain.cadence holds the same rule; a store test checks that both agree.
_RING_DEFAULT = """(CASE {p}.ring WHEN 'lukewarm' THEN 90 WHEN 'strategic' THEN 30 WHEN 'buddy' THEN 30 END)"""
_INTERVAL = f"""coalesce({{p}}.cadence_override,
    CASE WHEN EXISTS (SELECT 1 FROM setting s WHERE s.key = 'cadence.' || {{p}}.ring)
         THEN (SELECT CASE WHEN s.value = 'null' THEN NULL ELSE CAST(s.value AS INTEGER) END
                 FROM setting s WHERE s.key = 'cadence.' || {{p}}.ring)
         ELSE {_RING_DEFAULT} END)"""
_DUE_ON = f"""(CASE
    WHEN {{p}}.ring = 'cold' THEN NULL
    WHEN EXISTS (SELECT 1 FROM membership d WHERE d.person_id = {{p}}.id AND d.network = 'mentor' AND d.distant)
         THEN NULL
    WHEN {_INTERVAL} IS NULL THEN NULL
    WHEN {{p}}.last_contact IS NULL THEN date({{p}}.created_at)
    ELSE date({{p}}.last_contact, '+' || ({_INTERVAL} + 1) || ' days')
END)"""


def due_on_sql(alias: str) -> str:
    """The SQL for ``alias``'s first due day (see migration 6)."""
    return _DUE_ON.replace("{p}", alias)


# membership carries a copy of what the Overview reads of its person, so each network's
# counts, last contact and most overdue people come from membership's own indexes.
M006_STANDING = f"""
ALTER TABLE person ADD COLUMN due_on DATE;
UPDATE person SET due_on = {due_on_sql("person")};
CREATE INDEX person_due ON person (ring, due_on) WHERE deleted_at IS NULL AND due_on IS NOT NULL;
CREATE INDEX person_never_contacted ON person (ring, due_on)
    WHERE deleted_at IS NULL AND due_on IS NOT NULL AND last_contact IS NULL;
CREATE INDEX person_live_ring ON person (deleted_at, ring);
ALTER TABLE membership ADD COLUMN live INTEGER NOT NULL DEFAULT 1;
ALTER TABLE membership ADD COLUMN ring VARCHAR(255) NOT NULL DEFAULT 'cold';
ALTER TABLE membership ADD COLUMN due_on DATE;
ALTER TABLE membership ADD COLUMN last_contact DATE;
ALTER TABLE membership ADD COLUMN snoozed_until DATE;
ALTER TABLE membership ADD COLUMN company TEXT NOT NULL DEFAULT '';
UPDATE membership SET live = p.deleted_at IS NULL, ring = p.ring, due_on = p.due_on,
       last_contact = p.last_contact, snoozed_until = p.snoozed_until, company = p.company
  FROM person p WHERE p.id = membership.person_id;
CREATE INDEX membership_standing ON membership (network, live, ring, due_on, last_contact, snoozed_until, distant);
CREATE INDEX membership_live_person ON membership (live, person_id);
CREATE INDEX membership_peers ON membership (network, live, peer_side, company);
CREATE INDEX membership_contact ON membership (network, live, last_contact, due_on, snoozed_until);
CREATE INDEX membership_distant ON membership (person_id) WHERE network = 'mentor' AND distant = 1;
CREATE INDEX ring_move_window ON ring_move (moved_at, id, person_id, from_ring, to_ring);
CREATE TRIGGER person_due_on_insert AFTER INSERT ON person BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE id = new.id;
END;
CREATE TRIGGER person_due_on_update AFTER UPDATE OF ring, cadence_override, last_contact, created_at ON person BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE id = new.id;
END;
CREATE TRIGGER person_standing_copy
AFTER UPDATE OF ring, due_on, last_contact, snoozed_until, deleted_at, company ON person BEGIN
    UPDATE membership SET live = new.deleted_at IS NULL, ring = new.ring, due_on = new.due_on,
           last_contact = new.last_contact, snoozed_until = new.snoozed_until, company = new.company
     WHERE person_id = new.id;
END;
CREATE TRIGGER membership_standing_insert AFTER INSERT ON membership BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE id = new.person_id AND new.network = 'mentor';
    UPDATE membership SET live = p.deleted_at IS NULL, ring = p.ring, due_on = p.due_on,
           last_contact = p.last_contact, snoozed_until = p.snoozed_until, company = p.company
      FROM person p WHERE membership.id = new.id AND p.id = new.person_id;
END;
CREATE TRIGGER membership_standing_update AFTER UPDATE OF network, distant, person_id ON membership BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE id IN (old.person_id, new.person_id);
    UPDATE membership SET live = p.deleted_at IS NULL, ring = p.ring, due_on = p.due_on,
           last_contact = p.last_contact, snoozed_until = p.snoozed_until, company = p.company
      FROM person p WHERE membership.id = new.id AND p.id = new.person_id;
END;
CREATE TRIGGER membership_standing_delete AFTER DELETE ON membership WHEN old.network = 'mentor' BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE id = old.person_id;
END;
CREATE TRIGGER setting_cadence_insert AFTER INSERT ON setting WHEN new.key LIKE 'cadence.%' BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE ring = substr(new.key, 9);
END;
CREATE TRIGGER setting_cadence_update AFTER UPDATE ON setting WHEN new.key LIKE 'cadence.%' OR old.key LIKE 'cadence.%' BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE ring IN (substr(new.key, 9), substr(old.key, 9));
END;
CREATE TRIGGER setting_cadence_delete AFTER DELETE ON setting WHEN old.key LIKE 'cadence.%' BEGIN
    UPDATE person SET due_on = {due_on_sql("person")} WHERE ring = substr(old.key, 9);
END;

-- Counts the Overview shows, kept as rows change: live people, people on each ring, people
-- in at least one network (person.member_of counts their memberships), members of each
-- network (live memberships).
ALTER TABLE person ADD COLUMN member_of INTEGER NOT NULL DEFAULT 0;
UPDATE person SET member_of = (SELECT count(*) FROM membership m WHERE m.person_id = person.id);
CREATE TABLE tally (
    key TEXT NOT NULL PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO tally (key, n) SELECT 'live', count(*) FROM person WHERE deleted_at IS NULL;
INSERT INTO tally (key, n) SELECT 'sorted', count(*) FROM person WHERE deleted_at IS NULL AND member_of > 0;
INSERT INTO tally (key, n)
    SELECT 'ring.' || r.ring, (SELECT count(*) FROM person p WHERE p.deleted_at IS NULL AND p.ring = r.ring)
      FROM (SELECT 'cold' AS ring UNION ALL SELECT 'lukewarm' UNION ALL SELECT 'strategic' UNION ALL SELECT 'buddy') r;
INSERT INTO tally (key, n)
    SELECT 'network.' || n.network, (SELECT count(*) FROM membership m WHERE m.live AND m.network = n.network)
      FROM (SELECT 'support' AS network UNION ALL SELECT 'peer' UNION ALL SELECT 'mentor' UNION ALL SELECT 'mentee') n;
CREATE TRIGGER tally_person_insert AFTER INSERT ON person BEGIN
    UPDATE tally SET n = n + 1 WHERE new.deleted_at IS NULL AND key IN ('live', 'ring.' || new.ring);
    UPDATE tally SET n = n + 1 WHERE new.deleted_at IS NULL AND new.member_of > 0 AND key = 'sorted';
END;
CREATE TRIGGER tally_person_delete AFTER DELETE ON person BEGIN
    UPDATE tally SET n = n - 1 WHERE old.deleted_at IS NULL AND key IN ('live', 'ring.' || old.ring);
    UPDATE tally SET n = n - 1 WHERE old.deleted_at IS NULL AND old.member_of > 0 AND key = 'sorted';
END;
CREATE TRIGGER tally_person_update AFTER UPDATE OF ring, deleted_at, member_of ON person BEGIN
    UPDATE tally SET n = n - 1 WHERE old.deleted_at IS NULL AND key IN ('live', 'ring.' || old.ring);
    UPDATE tally SET n = n + 1 WHERE new.deleted_at IS NULL AND key IN ('live', 'ring.' || new.ring);
    UPDATE tally SET n = n - (old.deleted_at IS NULL AND old.member_of > 0) + (new.deleted_at IS NULL AND new.member_of > 0)
     WHERE key = 'sorted';
END;
CREATE TRIGGER member_of_insert AFTER INSERT ON membership BEGIN
    UPDATE person SET member_of = member_of + 1 WHERE id = new.person_id;
    UPDATE tally SET n = n + 1 WHERE new.live AND key = 'network.' || new.network;
END;
CREATE TRIGGER member_of_delete AFTER DELETE ON membership BEGIN
    UPDATE person SET member_of = member_of - 1 WHERE id = old.person_id;
    UPDATE tally SET n = n - 1 WHERE old.live AND key = 'network.' || old.network;
END;
CREATE TRIGGER member_of_update AFTER UPDATE OF person_id, network, live ON membership BEGIN
    UPDATE person SET member_of = member_of - 1 WHERE id = old.person_id AND old.person_id <> new.person_id;
    UPDATE person SET member_of = member_of + 1 WHERE id = new.person_id AND old.person_id <> new.person_id;
    UPDATE tally SET n = n - 1 WHERE old.live AND key = 'network.' || old.network;
    UPDATE tally SET n = n + 1 WHERE new.live AND key = 'network.' || new.network;
END;

CREATE TABLE daily_interactions (
    date DATE NOT NULL PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO daily_interactions (date, n)
    SELECT date, count(*) FROM interaction WHERE deleted_at IS NULL GROUP BY date;
CREATE TRIGGER daily_interactions_insert AFTER INSERT ON interaction WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO daily_interactions (date, n) VALUES (new.date, 1)
        ON CONFLICT (date) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER daily_interactions_delete AFTER DELETE ON interaction WHEN old.deleted_at IS NULL BEGIN
    UPDATE daily_interactions SET n = n - 1 WHERE date = old.date;
END;
CREATE TRIGGER daily_interactions_update AFTER UPDATE OF date, deleted_at ON interaction BEGIN
    UPDATE daily_interactions SET n = n - 1 WHERE date = old.date AND old.deleted_at IS NULL;
    INSERT INTO daily_interactions (date, n) SELECT new.date, 1 WHERE new.deleted_at IS NULL
        ON CONFLICT (date) DO UPDATE SET n = n + 1;
END;
"""

# People are found by words in their name, company, title, email, tags and notes (FTS5,
# live people only, accents and case ignored), and listed in a reader's alphabetical
# order from an index: person.sort_key is the name without accents or case, written by
# the store (domain.text.sort_key) and filled in here for people already there.
M007_PEOPLE_SEARCH = """
ALTER TABLE person ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
CREATE INDEX person_live_sort ON person (deleted_at, sort_key, id);
CREATE INDEX person_live_last ON person (deleted_at, last_contact DESC, sort_key, id);
CREATE INDEX person_live_closeness ON person (
    deleted_at, (CASE ring WHEN 'buddy' THEN 0 WHEN 'strategic' THEN 1 WHEN 'lukewarm' THEN 2 ELSE 3 END), sort_key, id
);
CREATE VIRTUAL TABLE person_fts USING fts5 (
    name, company, title, email, tags, notes, tokenize='unicode61 remove_diacritics 2', prefix='1 2'
);
-- The journal's index again, now also indexing each word's first one and two letters: a
-- search that is one or two letters so far is a lookup, not a walk over every word.
DROP TABLE interaction_fts;
CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    summary, notes, content='interaction_live_text', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2'
);
INSERT INTO interaction_fts (interaction_fts) VALUES ('rebuild');
INSERT INTO person_fts (rowid, name, company, title, email, tags, notes)
    SELECT p.id, p.name, p.company, p.title, p.email,
           coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                      WHERE pt.person_id = p.id), ''),
           p.notes
      FROM person p WHERE p.deleted_at IS NULL;
CREATE TRIGGER person_fts_insert AFTER INSERT ON person WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO person_fts (rowid, name, company, title, email, tags, notes)
        VALUES (new.id, new.name, new.company, new.title, new.email, '', new.notes);
END;
CREATE TRIGGER person_fts_update AFTER UPDATE OF name, company, title, email, notes, deleted_at ON person BEGIN
    DELETE FROM person_fts WHERE rowid = old.id;
    INSERT INTO person_fts (rowid, name, company, title, email, tags, notes)
        SELECT new.id, new.name, new.company, new.title, new.email,
               coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                          WHERE pt.person_id = new.id), ''),
               new.notes
         WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
    DELETE FROM person_fts WHERE rowid = old.id;
END;
CREATE TRIGGER person_fts_tag_insert AFTER INSERT ON person_tag BEGIN
    UPDATE person_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                                            WHERE pt.person_id = new.person_id), '')
     WHERE rowid = new.person_id;
END;
CREATE TRIGGER person_fts_tag_delete AFTER DELETE ON person_tag BEGIN
    UPDATE person_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                                            WHERE pt.person_id = old.person_id), '')
     WHERE rowid = old.person_id;
END;
CREATE TRIGGER person_fts_tag_rename AFTER UPDATE OF name ON tag BEGIN
    UPDATE person_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                                            WHERE pt.person_id = person_fts.rowid), '')
     WHERE rowid IN (SELECT person_id FROM person_tag WHERE tag_id = new.id);
END;
"""


# The journal's search also finds an entry by the names of who was there (`hopper` finds
# every coffee with Grace Hopper), in the same index, so a search still counts and pages
# from the index alone. The index now keeps its own copy of the text (about 80 bytes an
# entry) instead of reading it from the table: each trigger below then simply renews the
# one entry it touched, whatever order rows change in (a person renamed, a participant
# added or removed, an entry edited, deleted or restored).
_REFRESH_ENTRY = """
    DELETE FROM interaction_fts WHERE rowid = {id};
    INSERT INTO interaction_fts (rowid, summary, notes, people)
        SELECT i.id, i.summary, i.notes,
               coalesce((SELECT group_concat(name, ' ') FROM
                          (SELECT p.name FROM participant pa JOIN person p ON p.id = pa.person_id
                            WHERE pa.interaction_id = i.id ORDER BY pa.id)), '')
          FROM interaction i WHERE i.id = {id} AND i.deleted_at IS NULL;"""
M008_JOURNAL_SEARCH_NAMES = f"""
DROP TRIGGER interaction_fts_insert;
DROP TRIGGER interaction_fts_delete;
DROP TRIGGER interaction_fts_update;
DROP TABLE interaction_fts;
DROP VIEW interaction_live_text;
CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    summary, notes, people, tokenize='unicode61 remove_diacritics 2', prefix='1 2'
);
INSERT INTO interaction_fts (rowid, summary, notes, people)
    SELECT i.id, i.summary, i.notes,
           coalesce((SELECT group_concat(name, ' ') FROM
                      (SELECT p.name FROM participant pa JOIN person p ON p.id = pa.person_id
                        WHERE pa.interaction_id = i.id ORDER BY pa.id)), '')
      FROM interaction i WHERE i.deleted_at IS NULL;
CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction WHEN new.deleted_at IS NULL BEGIN
    {_REFRESH_ENTRY.format(id="new.id")}
END;
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF summary, notes, deleted_at ON interaction BEGIN
    {_REFRESH_ENTRY.format(id="new.id")}
END;
CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
    DELETE FROM interaction_fts WHERE rowid = old.id;
END;
CREATE TRIGGER interaction_fts_participant_insert AFTER INSERT ON participant BEGIN
    {_REFRESH_ENTRY.format(id="new.interaction_id")}
END;
CREATE TRIGGER interaction_fts_participant_delete AFTER DELETE ON participant BEGIN
    {_REFRESH_ENTRY.format(id="old.interaction_id")}
END;
CREATE TRIGGER interaction_fts_participant_update AFTER UPDATE OF interaction_id, person_id ON participant BEGIN
    {_REFRESH_ENTRY.format(id="old.interaction_id")}
    {_REFRESH_ENTRY.format(id="new.interaction_id")}
END;
CREATE TRIGGER interaction_fts_person_rename AFTER UPDATE OF name ON person BEGIN
    DELETE FROM interaction_fts WHERE rowid IN (SELECT interaction_id FROM participant WHERE person_id = new.id);
    INSERT INTO interaction_fts (rowid, summary, notes, people)
        SELECT i.id, i.summary, i.notes,
               coalesce((SELECT group_concat(name, ' ') FROM
                          (SELECT p.name FROM participant pa JOIN person p ON p.id = pa.person_id
                            WHERE pa.interaction_id = i.id ORDER BY pa.id)), '')
          FROM interaction i
         WHERE i.id IN (SELECT interaction_id FROM participant WHERE person_id = new.id) AND i.deleted_at IS NULL;
END;
"""


# Dates that matter to people (birthdays, anniversaries, named dates; the year may be
# unknown) and follow-ups that repeat. A date's reminder is done or snoozed per year:
# done_year is the year whose reminder was marked done. interaction.follow_up_every is a
# rhythm such as '2w' or '3m' (domain.occasions.Rhythm); marking such a follow-up done
# moves it on instead of closing it.
M009_DATES = """
CREATE TABLE person_date (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    kind VARCHAR(255) NOT NULL DEFAULT 'other' CHECK (kind IN ('birthday', 'anniversary', 'other')),
    label TEXT NOT NULL,
    year INTEGER CHECK (year IS NULL OR year BETWEEN 1 AND 9999),
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    yearly INTEGER NOT NULL DEFAULT 1 CHECK (yearly IN (0, 1)),
    lead_days INTEGER CHECK (lead_days IS NULL OR lead_days >= 0),
    done_year INTEGER,
    snoozed_until DATE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (yearly OR year IS NOT NULL)
);
CREATE INDEX person_date_person ON person_date (person_id);
CREATE INDEX person_date_day ON person_date (month, day);
CREATE INDEX person_date_lead ON person_date (lead_days) WHERE lead_days IS NOT NULL;
CREATE UNIQUE INDEX person_date_one_of_kind ON person_date (person_id, kind) WHERE kind <> 'other';
CREATE UNIQUE INDEX person_date_label ON person_date (person_id, label COLLATE NOCASE);
ALTER TABLE interaction ADD COLUMN follow_up_every TEXT;
"""


# The monthly review (domain/review.py, store/review.py):
# - person.met_through_id: the talk, post, article or panel (a journal entry) through
#   which you met someone, so exposure can be counted per broadcast;
# - review_pick: each month's routine, one row per person suggested for a network and
#   what became of it (suggested, done, snoozed, swapped away), so a pick stays put while
#   you act on it and nobody is suggested two months running;
# - an index over the live entries marked with a reciprocity, holding what give and take
#   reads of them (a year of entries counted without reading one row of the journal);
# - participant.reciprocity: a copy of its live entry's reciprocity (NULL for an entry in
#   the trash), kept by triggers, so a year of help per person is one index range with no
#   join to the journal;
# - each person's standing in a narrow index, so the people who can give a kind of help
#   are counted and ranked without reading their whole rows;
# - live people's companies, so the few distinct names (to match target companies and
#   your employer as a reader would) come from an index rather than every person's row.
M010_REVIEW = """
-- Deferred: a restore puts people back before the journal they point at.
ALTER TABLE person ADD COLUMN met_through_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX person_met_through ON person (met_through_id) WHERE met_through_id IS NOT NULL;
CREATE TABLE review_pick (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    network VARCHAR(255) NOT NULL CHECK (network IN ('support', 'peer', 'mentor', 'mentee')),
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    state VARCHAR(255) NOT NULL CHECK (state IN ('suggested', 'done', 'snoozed', 'swapped')),
    changed_at DATETIME NOT NULL,
    UNIQUE (month, network, person_id)
);
CREATE INDEX review_pick_person ON review_pick (person_id);
CREATE INDEX interaction_live_help ON interaction (reciprocity, date, follow_up_done, follow_up)
    WHERE deleted_at IS NULL AND reciprocity IS NOT NULL;
CREATE INDEX person_live_company ON person (company) WHERE deleted_at IS NULL;
CREATE INDEX person_standing ON person (id, deleted_at, ring, last_contact, company);
ALTER TABLE participant ADD COLUMN reciprocity VARCHAR(255);
UPDATE participant SET reciprocity = (SELECT i.reciprocity FROM interaction i
                                       WHERE i.id = participant.interaction_id AND i.deleted_at IS NULL);
CREATE INDEX participant_help ON participant (reciprocity, date, person_id, interaction_id) WHERE reciprocity IS NOT NULL;
CREATE TRIGGER participant_help_insert AFTER INSERT ON participant
WHEN EXISTS (SELECT 1 FROM interaction WHERE id = new.interaction_id AND reciprocity IS NOT NULL AND deleted_at IS NULL)
BEGIN
    UPDATE participant SET reciprocity = (SELECT reciprocity FROM interaction WHERE id = new.interaction_id)
     WHERE id = new.id;
END;
CREATE TRIGGER participant_help_move AFTER UPDATE OF interaction_id ON participant BEGIN
    UPDATE participant SET reciprocity = (SELECT i.reciprocity FROM interaction i
                                           WHERE i.id = new.interaction_id AND i.deleted_at IS NULL)
     WHERE id = new.id;
END;
CREATE TRIGGER interaction_help_copy AFTER UPDATE OF reciprocity, deleted_at ON interaction BEGIN
    UPDATE participant SET reciprocity = CASE WHEN new.deleted_at IS NULL THEN new.reciprocity END
     WHERE interaction_id = new.id;
END;
"""


# What calendar and mail imports propose, kept until the user logs or dismisses it (the
# Inbox). ``source_key`` names what a proposal came from (an event's UID and recurrence
# id; a mail thread, day and person), so a proposal logged or dismissed is never made
# again. seen_message remembers the Message-IDs a mail import has read; coming_up holds
# the meetings ahead that the last calendar import found; job_change the new roles that
# LinkedIn re-imports saw.
M011_PROPOSALS = """
CREATE TABLE proposal (
    id INTEGER PRIMARY KEY,
    source VARCHAR(255) NOT NULL CHECK (source IN ('calendar', 'mail')),
    source_key TEXT NOT NULL UNIQUE,
    date DATE NOT NULL,
    time TEXT NOT NULL DEFAULT '',
    kind VARCHAR(255) NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    direction VARCHAR(255) CHECK (direction IS NULL OR direction IN ('sent', 'received', 'both')),
    state VARCHAR(255) NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'logged', 'dismissed')),
    interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX proposal_waiting ON proposal (date, time, id) WHERE state = 'waiting';
CREATE INDEX proposal_interaction ON proposal (interaction_id) WHERE interaction_id IS NOT NULL;
CREATE TABLE proposal_person (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    UNIQUE (proposal_id, person_id)
);
CREATE INDEX proposal_person_person ON proposal_person (person_id);
CREATE TABLE seen_message (
    message_id TEXT NOT NULL PRIMARY KEY
);
-- The meetings ahead with people you know, from the last calendar import (the Agenda's "Coming up").
CREATE TABLE coming_up (
    id INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL UNIQUE,
    date DATE NOT NULL,
    time TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    kind VARCHAR(255) NOT NULL
);
CREATE INDEX coming_up_date ON coming_up (date, time);
CREATE TABLE coming_up_person (
    id INTEGER PRIMARY KEY,
    coming_up_id INTEGER NOT NULL REFERENCES coming_up (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    UNIQUE (coming_up_id, person_id)
);
CREATE INDEX coming_up_person_person ON coming_up_person (person_id);
-- New roles a LinkedIn re-import saw, kept on the person; open ones are on the Agenda
-- ("congratulate them") until done or dismissed.
CREATE TABLE job_change (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    changed_on DATE NOT NULL,
    state VARCHAR(255) NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dismissed'))
);
CREATE INDEX job_change_person ON job_change (person_id, changed_on);
CREATE INDEX job_change_open ON job_change (changed_on, id) WHERE state = 'open';
"""


# The Overview counts each network's distant mentors by looking up every distant mentor's
# live memberships; with the network in this index that lookup never leaves the index.
M012_DISTANT_BY_NETWORK = """
DROP INDEX membership_live_person;
CREATE INDEX membership_live_person ON membership (live, person_id, network);
"""


# Two more of the Overview's figures kept as memberships change, so that it reads a few
# rows, not every member, however large the network grows:
# - distant.N: distant mentors counted in each network N they are in (live). It is a sum
#   over pairs of a person's rows (their distant mentor row, one of their live rows), so
#   each trigger takes away the pairs the old row made and adds those the new one makes,
#   the person's other rows being as they are;
# - peer_tally: live peers by company and side (the side '' when not set by hand).
_DISTANT_ROW = "{r}.network = 'mentor' AND {r}.distant = 1"


def _distant_pairs(r: str, sign: str, others: str) -> str:
    dm = _DISTANT_ROW.format(r=r)
    return f"""
    UPDATE tally SET n = n {sign} 1 WHERE {dm}
       AND key IN (SELECT 'distant.' || network FROM membership WHERE person_id = {r}.person_id AND live{others});
    UPDATE tally SET n = n {sign} 1 WHERE {dm} AND {r}.live AND key = 'distant.mentor';
    UPDATE tally SET n = n {sign} 1 WHERE NOT ({dm}) AND {r}.live AND key = 'distant.' || {r}.network
       AND EXISTS (SELECT 1 FROM membership WHERE person_id = {r}.person_id AND {_DISTANT_ROW.format(r="membership")}{others});"""


M013_OVERVIEW_TALLIES = f"""
INSERT INTO tally (key, n)
    SELECT 'distant.' || n.network,
           (SELECT count(*) FROM membership d JOIN membership m ON m.person_id = d.person_id
             WHERE d.network = 'mentor' AND d.distant = 1 AND m.live AND m.network = n.network)
      FROM (SELECT 'support' AS network UNION ALL SELECT 'peer' UNION ALL SELECT 'mentor' UNION ALL SELECT 'mentee') n;
CREATE TRIGGER distant_insert AFTER INSERT ON membership BEGIN{_distant_pairs("new", "+", " AND id <> new.id")}
END;
CREATE TRIGGER distant_delete AFTER DELETE ON membership BEGIN{_distant_pairs("old", "-", "")}
END;
CREATE TRIGGER distant_update AFTER UPDATE OF person_id, network, live, distant ON membership
WHEN old.person_id IS NOT new.person_id OR old.network IS NOT new.network OR old.live IS NOT new.live
  OR old.distant IS NOT new.distant BEGIN{_distant_pairs("old", "-", " AND id <> new.id")}{_distant_pairs("new", "+", " AND id <> new.id")}
END;

CREATE TABLE peer_tally (
    company TEXT NOT NULL,
    side TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (company, side)
) WITHOUT ROWID;
INSERT INTO peer_tally (company, side, n)
    SELECT company, ifnull(peer_side, ''), count(*) FROM membership WHERE network = 'peer' AND live
     GROUP BY company, ifnull(peer_side, '');
CREATE TRIGGER peer_tally_insert AFTER INSERT ON membership WHEN new.network = 'peer' AND new.live BEGIN
    INSERT INTO peer_tally (company, side, n) VALUES (new.company, ifnull(new.peer_side, ''), 1)
        ON CONFLICT (company, side) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER peer_tally_delete AFTER DELETE ON membership WHEN old.network = 'peer' AND old.live BEGIN
    UPDATE peer_tally SET n = n - 1 WHERE company = old.company AND side = ifnull(old.peer_side, '');
END;
CREATE TRIGGER peer_tally_update AFTER UPDATE OF network, live, company, peer_side ON membership
WHEN (old.network = 'peer' AND old.live) OR (new.network = 'peer' AND new.live) BEGIN
    UPDATE peer_tally SET n = n - 1
     WHERE old.network = 'peer' AND old.live AND company = old.company AND side = ifnull(old.peer_side, '');
    INSERT INTO peer_tally (company, side, n)
        SELECT new.company, ifnull(new.peer_side, ''), 1 WHERE new.network = 'peer' AND new.live
        ON CONFLICT (company, side) DO UPDATE SET n = n + 1;
END;
"""

# A name typed in a form is looked up as it is typed: by the start of a word, a word
# anywhere or letters in order, on the folded names (sort_key). This index holds all that
# lookup reads, so it scans the index and never the people's long rows.
M014_NAME_LOOKUP = """
CREATE INDEX person_live_lookup ON person (deleted_at, sort_key, name, company);
"""


def fill_sort_keys(conn: Connection) -> None:
    from netui.domain.text import sort_key

    rows = conn.execute("SELECT id, name FROM person").fetchall()
    conn.executemany("UPDATE person SET sort_key = ? WHERE id = ?", [(sort_key(name), pid) for pid, name in rows])


def _steps(*steps: Callable[[Connection], None]) -> Callable[[Connection], None]:
    def run(conn: Connection) -> None:
        for step in steps:
            step(conn)

    return run


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
    _script(M006_STANDING),
    _steps(_script(M007_PEOPLE_SEARCH), fill_sort_keys),
    _script(M008_JOURNAL_SEARCH_NAMES),
    _script(M009_DATES),
    _script(M010_REVIEW),
    _script(M011_PROPOSALS),
    _script(M012_DISTANT_BY_NETWORK),
    _script(M013_OVERVIEW_TALLIES),
    _script(M014_NAME_LOOKUP),
]

LATEST_VERSION = len(MIGRATIONS)
