"""LinkedIn's Connections.csv: finding the header, cleaning, matching on re-import."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from netui.domain.rings import Ring
from netui.io import formats, linkedin
from netui.io.common import FormatError, extra_part, url_key
from netui.store import models as m
from netui.store.people import get_person, trash_person
from tests.helpers import add

FIXTURES = Path(__file__).parents[1] / "fixtures" / "io"
FIRST = FIXTURES / "linkedin_connections.csv"
NEWER = FIXTURES / "linkedin_connections_newer.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def people() -> dict[str, m.Person]:
    return {p.name: p for p in m.Person.select()}


def test_fixture_really_has_the_awkward_bits():
    data = FIRST.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert data.index(HEADER.encode()) > 100  # notes come first


def test_parse_finds_the_header_after_the_notes_and_reads_every_row():
    parsed = linkedin.parse_file(FIRST)
    names = [r.name for r in parsed.records]
    assert names == [
        "Ada Lovelace", "Grace Hopper", 'Katherine "Kat" Johnson', "Zoë Ångström", "Alan Turing", "Ada Lovelace",
        "Margaret Hamilton",
    ]
    grace = parsed.records[1]
    assert grace.company == "US Navy, Reserve" and grace.email == "grace@navy.example"
    assert parsed.records[2].title == "Mathematician, Flight Research"
    assert parsed.records[0].extra == {"connected_on": "2024-03-12"}
    # The escape sequence and the bell are gone; the visible text stays.
    assert parsed.records[6].title == "Director]0;pwned of Software"
    assert parsed.records[4].extra == {}  # a date that is not one is dropped, the person kept
    assert [(s.line, s.reason) for s in parsed.skipped] == [(8, "no name")]
    assert [(w.line, w.reason) for w in parsed.warnings] == [
        (10, "kept Alan Turing, not the date 'sometime in 1939' in Connected On"),
    ]


@pytest.mark.parametrize("preamble", ["", "Notes:\n\n", 'Notes:\n"a, b\nc"\n\n\n\n'])
def test_header_is_found_by_content_whatever_comes_before(preamble):
    parsed = linkedin.parse(preamble + HEADER + "\nAda,Lovelace,https://x.example/in/ada,,Engines,CTO,1 Jan 2020\n")
    assert [r.name for r in parsed.records] == ["Ada Lovelace"]


def test_columns_in_another_order_are_read_by_name():
    text = "Connected On,Company,Last Name,First Name,URL,Position\n2 Feb 2021,Engines,Lovelace,Ada,,CTO\n"
    rec = linkedin.parse(text).records[0]
    assert (rec.name, rec.company, rec.title, rec.extra["connected_on"]) == ("Ada Lovelace", "Engines", "CTO", "2021-02-02")


def test_a_file_without_the_header_is_refused():
    with pytest.raises(FormatError, match="no LinkedIn header"):
        linkedin.parse("Name,Company\nAda,Engines\n", "people.csv")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("1 January 2020", date(2020, 1, 1)),
        ("2024-03-12", date(2024, 3, 12)),
        ("Sep 3 2019", date(2019, 9, 3)),
        ("31 Feb 2024", None),
        ("sometime", None),
        ("12 Foo 2024", None),
    ],
)
def test_connected_on_dates(text, expected):
    assert linkedin.parse_connected_on(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://www.linkedin.com/in/Ada-Lovelace/", "https://linkedin.com/in/ada-lovelace"),
        ("HTTPS://WWW.LINKEDIN.COM/in/ada?trk=x#top", "http://linkedin.com/in/ada/"),
        ("https://uk.linkedin.com/in/ada", "https://www.linkedin.com/in/ada"),
    ],
)
def test_profile_urls_match_despite_case_slash_and_query(a, b):
    assert url_key(a) == url_key(b)


def test_url_keys_of_different_people_differ():
    assert url_key("https://www.linkedin.com/in/ada") != url_key("https://www.linkedin.com/in/ada2")


def test_import_adds_people_on_the_cold_ring_with_their_profile(db, db_path):
    report = formats.import_file(db, "linkedin", FIRST)
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (6, 0, 0)
    assert [(s.line, s.reason.split(" (")[0]) for s in report.skipped] == [
        (8, "no name"),
        (11, "duplicate in the file"),
    ]
    assert [w.line for w in report.warnings] == [10]
    stored = people()
    assert set(stored) == {
        "Ada Lovelace", "Grace Hopper", 'Katherine "Kat" Johnson', "Zoë Ångström", "Alan Turing", "Margaret Hamilton",
    }
    assert extra_part(stored["Alan Turing"].extra, "linkedin") == {}
    ada = get_person(db, stored["Ada Lovelace"].id)
    assert ada.ring == Ring.COLD
    assert ada.url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.ring_history[0].reason == "imported from LinkedIn"
    assert extra_part(stored["Ada Lovelace"].extra, "linkedin") == {"connected_on": "2024-03-12"}


def test_reimporting_a_newer_export_updates_and_never_duplicates(db, db_path):
    formats.import_file(db, "linkedin", FIRST)
    before = {p.name: p.id for p in m.Person.select()}
    report = formats.import_file(db, "linkedin", NEWER)
    after = {p.name: p.id for p in m.Person.select()}
    assert m.Person.select().count() == 7  # Alan Turing, kept from the first file, is not in the newer one
    assert {k: v for k, v in after.items() if k in before} == before  # same rows, same ids
    assert report.added == ["Dorothy Vaughan"]
    assert sorted(report.unchanged) == ["Grace Hopper", "Margaret Hamilton", "Zoë Ångström"]
    assert dict(report.updated) == {
        "Ada Lovelace": ("company", "title"),
        'Katherine "Kat" Johnson': ("email",),
    }
    [change] = report.job_changes
    assert (change.name, change.before, change.after) == (
        "Ada Lovelace", "Chief Programmer at Analytical Engines", "CTO at Difference Engines Ltd"
    )
    assert f"Ada Lovelace (#{before['Ada Lovelace']}): Chief Programmer at Analytical Engines → CTO at Difference Engines Ltd" in "\n".join(report.lines())
    ada = get_person(db, before["Ada Lovelace"])
    assert (ada.company, ada.title, ada.version) == ("Difference Engines Ltd", "CTO", 2)
    assert get_person(db, before['Katherine "Kat" Johnson']).email == "kat@nasa.example"


def test_matches_by_email_then_by_name_and_company(db, db_path):
    by_email = add(db, "Gracie H.", company="Navy", email="GRACE@navy.example")
    by_name = add(db, "Zoë Ångström", company="ØRSTED")
    formats.import_file(db, "linkedin", FIRST)
    assert m.Person.select().count() == 6  # Grace and Zoë were matched, not added
    grace = get_person(db, by_email)
    assert grace.name == "Gracie H."  # your spelling of a name is kept
    assert grace.url == "https://www.linkedin.com/in/gracehopper"
    assert get_person(db, by_name).url == "https://www.linkedin.com/in/zoe-angstrom"


def test_same_name_and_company_but_another_profile_is_another_person(db, db_path):
    add(db, "Ada Lovelace", company="Analytical Engines", url="https://www.linkedin.com/in/the-other-ada")
    formats.import_file(db, "linkedin", FIRST)
    assert m.Person.select().where(m.Person.name == "Ada Lovelace").count() == 2


def test_someone_in_the_trash_is_left_there_and_reported(db, db_path):
    pid = add(db, "Ada Lovelace", url="https://www.linkedin.com/in/ada-lovelace")
    trash_person(db, pid)
    report = formats.import_file(db, "linkedin", FIRST)
    assert any("in the trash" in s.reason for s in report.skipped)
    assert m.Person.select().where(m.Person.name == "Ada Lovelace").count() == 1


def test_dry_run_reports_the_same_and_writes_nothing(db, db_path):
    add(db, "Ada Lovelace", company="Analytical Engines")
    dry = formats.import_file(db, "linkedin", FIRST, dry_run=True)
    assert m.Person.select().count() == 1 and m.RingMove.select().count() == 1
    assert get_person(db, m.Person.get().id).url == ""
    assert dry.lines()[-1] == "Dry run: nothing was written."
    real = formats.import_file(db, "linkedin", FIRST)
    assert (dry.added, dry.updated, dry.unchanged, dry.skipped) == (real.added, real.updated, real.unchanged, real.skipped)


def test_an_import_is_all_or_nothing(db, db_path):
    from netui.io import common

    # The file's third person fails to go in, after two already have: nothing may stay.
    db.execute("""CREATE TRIGGER boom AFTER INSERT ON ring_move WHEN (SELECT count(*) FROM ring_move) >= 3
                  BEGIN SELECT RAISE(ABORT, 'disk on fire'); END""")
    with pytest.raises(common.StoreError, match="disk on fire"):
        formats.import_file(db, "linkedin", FIRST)
    assert m.Person.select().count() == 0 and m.RingMove.select().count() == 0


def _generated(n: int) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from import_linkedin import linkedin_csv
    finally:
        sys.path.pop(0)
    return linkedin_csv(n)


def test_ten_thousand_rows_import_in_seconds_with_progress(db, db_path, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(_generated(10_000), encoding="utf-8-sig")
    seen: list[tuple[int, int]] = []
    # CPU time, not wall time: other work on a busy machine must not fail the test.
    start = time.process_time()
    report = formats.import_file(db, "linkedin", path, progress=lambda done, total: seen.append((done, total)))
    took = time.process_time() - start
    assert len(report.added) == 10_000 and m.Person.select().count() == 10_000
    assert seen[-1] == (10_000, 10_000) and len(seen) >= 50
    # About 5 s here; a row-by-row slip (a query or a commit per row) takes minutes. The
    # margin is for slower machines: speed itself is measured in bench/, not here.
    assert took < 30, f"10,000 rows took {took:.1f} s of CPU"
    again = formats.import_file(db, "linkedin", path)
    assert len(again.unchanged) == 10_000 and m.Person.select().count() == 10_000


def test_an_impossible_connected_on_keeps_the_person_and_says_so(db, db_path):
    text = f"{HEADER}\nRosa,Rahman,https://www.linkedin.com/in/rosa-1,,Acme,Engineer,30 Feb 2024\n"
    parsed = linkedin.parse(text)
    [rec] = parsed.records
    assert rec.name == "Rosa Rahman" and rec.extra == {}
    [warning] = parsed.warnings
    assert warning.line == 2 and "'30 Feb 2024'" in warning.reason and "kept" in warning.reason


def test_report_lines_that_name_people_carry_their_id(db, db_path):
    first = add(db, "Rosa Rahman", company="Acme", url="https://www.linkedin.com/in/rosa-1")
    second = add(db, "Rosa Rahman", company="Beta", url="https://www.linkedin.com/in/rosa-2")
    text = (
        f"{HEADER}\n"
        "Rosa,Rahman,https://www.linkedin.com/in/rosa-1,,Acme Two,Engineer,1 Mar 2024\n"
        "Rosa,Rahman,https://www.linkedin.com/in/rosa-2,,Beta Two,Engineer,1 Mar 2024\n"
    )
    path = db_path.parent / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    report = formats.import_file(db, "linkedin", path)
    lines = "\n".join(report.lines())
    assert f"Rosa Rahman (#{first}): Engineer at Acme Two" in lines or f"Rosa Rahman (#{first}): company" in lines
    for pid in (first, second):
        assert lines.count(f"Rosa Rahman (#{pid})") == 2  # under job changes and under updated
