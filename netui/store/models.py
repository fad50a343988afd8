"""Peewee models. The schema itself is made by numbered migrations (migrations.py);
a test checks that these models and the migrated schema agree."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

class _Database(SqliteDatabase):
    """The app's database. Start-up may check a file and leave it for the ORM to open on
    first use (netui.store.check.connect_later): whatever queries first, in any thread,
    opens it."""

    def connect(self, reuse_if_open: bool = False):
        if self.deferred:
            open_pending()
        return super().connect(reuse_if_open)


# Deferred: opened once at start by store.db.open_database, or on first use (see above).
database = _Database(None)


def open_pending() -> None:
    """Open the file start-up left for later, if it did and nothing has opened it yet."""
    if not database.deferred:
        return
    from netui.store import check

    with check.pending_lock:
        if database.deferred:
            pending = check.take_pending()
            if pending is not None:
                from netui.store.db import connect

                connect(pending[0], readonly=pending[1], must_exist=True)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Person(BaseModel):
    name = TextField()
    name_key = TextField(default="")
    company = TextField(default="")
    title = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    url = TextField(default="")
    location = TextField(default="")
    purpose = TextField(default="")
    notes = TextField(default="")
    ring = CharField(default="cold")
    cadence_override = IntegerField(null=True)
    introduced_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="introduced")
    snoozed_until = DateField(null=True)
    extra = TextField(default="")
    # Kept by triggers (migration 3) from live interactions: never written by the app.
    last_contact = DateField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted_at = DateTimeField(null=True)
    version = IntegerField(default=1)


class Membership(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="memberships")
    network = CharField()
    peer_side = CharField(null=True)
    distant = BooleanField(default=False)


class RingMove(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="ring_moves")
    from_ring = CharField(null=True)
    to_ring = CharField()
    moved_at = DateTimeField()
    reason = TextField(default="")


class Knows(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE")
    other = ForeignKeyField(Person, on_delete="CASCADE")
    note = TextField(default="")


class Tag(BaseModel):
    name = TextField(unique=True)


class PersonTag(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE")
    tag = ForeignKeyField(Tag, on_delete="CASCADE")
    kind = CharField()


class Interaction(BaseModel):
    date = DateField()
    kind = CharField()
    summary = TextField(default="")
    notes = TextField(default="")
    reciprocity = CharField(null=True)
    follow_up = DateField(null=True)
    follow_up_done = BooleanField(default=False)
    follow_up_snoozed_until = DateField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted_at = DateTimeField(null=True)
    version = IntegerField(default=1)


class Participant(BaseModel):
    interaction = ForeignKeyField(Interaction, on_delete="CASCADE", backref="participants")
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="participations")
    # A copy of the interaction's date, so "last contact" is one index lookup per person.
    date = DateField()


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


ALL_MODELS = (Person, Membership, RingMove, Knows, Tag, PersonTag, Interaction, Participant, Setting)
