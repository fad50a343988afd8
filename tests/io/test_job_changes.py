"""Job changes kept: a LinkedIn re-import that sees a new role stores it on the person
and puts "congratulate them" on the Agenda until done or dismissed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netui.domain.agenda import ItemKind
from netui.domain.settings import Settings
from netui.io import formats
from netui.io.agenda_text import agenda_text
from netui.store import models as m
from netui.store.jobs import job_changes_of, open_job_changes, set_job_change_state
from netui.store.overview import agenda
from netui.store.proposals import brief
from netui.domain.brief import brief_lines
from tests.conftest import TODAY

FIXTURES = Path(__file__).parents[1] / "fixtures" / "io"


def ada_id() -> int:
    return m.Person.get(m.Person.name == "Ada Lovelace").id


def test_a_new_role_is_kept_and_waits_on_the_agenda_until_done(db):
    formats.import_file(db, "linkedin", FIXTURES / "linkedin_connections.csv")
    assert open_job_changes(db) == []  # a first import is no change
    formats.import_file(db, "linkedin", FIXTURES / "linkedin_connections_newer.csv")
    [job] = job_changes_of(db, ada_id())
    assert (job.before, job.after, job.state) == (
        "Chief Programmer at Analytical Engines", "CTO at Difference Engines Ltd", "open"
    )
    assert job.moved == "moved from Chief Programmer at Analytical Engines to CTO at Difference Engines Ltd"
    today = agenda(db, TODAY, Settings())
    [line] = today.of(ItemKind.JOB)
    assert line.title == "Ada Lovelace" and line.person_id == ada_id()
    assert line.next_step.startswith("Congratulate them on the new role")
    assert today.jobs == 1
    assert "New roles (1)" in agenda_text(today)
    assert ("New role", f"{job.moved} ({job.changed_on.isoformat()})") in brief_lines(brief(db, ada_id(), TODAY))
    # Importing the same newer file again sees no new change.
    formats.import_file(db, "linkedin", FIXTURES / "linkedin_connections_newer.csv")
    assert len(job_changes_of(db, ada_id())) == 1
    assert set_job_change_state(db, job.id, "done") == "open"
    assert agenda(db, TODAY, Settings()).jobs == 0
    assert job_changes_of(db, ada_id())[0].state == "done"  # still on the person


def test_a_dry_run_keeps_nothing(db):
    formats.import_file(db, "linkedin", FIXTURES / "linkedin_connections.csv")
    formats.import_file(db, "linkedin", FIXTURES / "linkedin_connections_newer.csv", dry_run=True)
    assert open_job_changes(db) == []
