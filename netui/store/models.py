"""Peewee models. The schema itself is made by numbered migrations (migrations.py);
a test checks that these models and the migrated schema agree. The models belong to no
database until ``netui.store.db.Database`` binds them to the file it opens."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

class BaseModel(Model):
    class Meta:
        legacy_table_names = False


class Person(BaseModel):
    name = TextField()
    name_key = TextField(default="")
    sort_key = TextField(default="")
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
    # The talk, post, article or panel through which you met them (a journal entry).
    met_through_id = IntegerField(null=True)
    # Kept by triggers (migrations 3 and 6): never written by the app.
    last_contact = DateField(null=True)
    due_on = DateField(null=True)
    member_of = IntegerField(default=0)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted_at = DateTimeField(null=True)
    version = IntegerField(default=1)


class Membership(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="memberships")
    network = CharField()
    peer_side = CharField(null=True)
    distant = BooleanField(default=False)
    # Copies of the person's standing, kept by triggers (migration 6): never written by the app.
    live = BooleanField(default=True)
    ring = CharField(default="cold")
    due_on = DateField(null=True)
    last_contact = DateField(null=True)
    snoozed_until = DateField(null=True)
    company = TextField(default="")


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
    follow_up_every = TextField(null=True)  # a rhythm such as "2w" (migration 8)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted_at = DateTimeField(null=True)
    version = IntegerField(default=1)


class Participant(BaseModel):
    interaction = ForeignKeyField(Interaction, on_delete="CASCADE", backref="participants")
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="participations")
    # A copy of the interaction's date, so "last contact" is one index lookup per person.
    date = DateField()
    # A copy of the live interaction's reciprocity, kept by triggers (migration 10).
    reciprocity = CharField(null=True)


class ReviewPick(BaseModel):
    """One person suggested by the monthly routine for a network, and what became of it."""

    month = TextField()
    network = CharField()
    person = ForeignKeyField(Person, on_delete="CASCADE")
    state = CharField()
    changed_at = DateTimeField()


class PersonDate(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="dates")
    kind = CharField(default="other")
    label = TextField()
    year = IntegerField(null=True)
    month = IntegerField()
    day = IntegerField()
    yearly = BooleanField(default=True)
    lead_days = IntegerField(null=True)
    done_year = IntegerField(null=True)
    snoozed_until = DateField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = IntegerField(default=1)


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


class Proposal(BaseModel):
    """A journal entry a calendar or mail import proposes (migration 9)."""

    source = CharField()
    source_key = TextField(unique=True)
    date = DateField()
    time = TextField(default="")
    kind = CharField()
    summary = TextField(default="")
    direction = CharField(null=True)
    state = CharField(default="waiting")
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = IntegerField(default=1)


class ProposalPerson(BaseModel):
    proposal = ForeignKeyField(Proposal, on_delete="CASCADE", backref="people")
    person = ForeignKeyField(Person, on_delete="CASCADE")


class SeenMessage(BaseModel):
    message_id = TextField(primary_key=True)


class ComingUp(BaseModel):
    """A meeting ahead, from the last calendar import (migration 9)."""

    source_key = TextField(unique=True)
    date = DateField()
    time = TextField(default="")
    title = TextField(default="")
    kind = CharField()


class ComingUpPerson(BaseModel):
    coming_up = ForeignKeyField(ComingUp, on_delete="CASCADE", backref="people")
    person = ForeignKeyField(Person, on_delete="CASCADE")


class JobChange(BaseModel):
    """A new role an import saw (migration 9)."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    before = TextField(default="")
    after = TextField(default="")
    changed_on = DateField()
    state = CharField(default="open")


ALL_MODELS = (
    Person, Membership, RingMove, Knows, Tag, PersonTag, Interaction, Participant, PersonDate, ReviewPick, Setting,
    Proposal, ProposalPerson, SeenMessage, ComingUp, ComingUpPerson, JobChange,
)
