"""A CSV import accounts for every line of its file: a stray quote never swallows the rows after it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netui.io import csvfile, formats, linkedin
from netui.io.common import FormatError, read_text
from netui.store import models as m

LI_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def _linkedin(rows: int, bad_at: int | None = None, bad: str = 'Stray,"Quote Brien,,,Co,Eng,12 Mar 2024') -> str:
    lines = [LI_HEADER]
    for i in range(rows):
        if bad_at is not None and i == bad_at:
            lines.append(bad + "\r\n")
        else:
            lines.append(f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Co{i},Eng,12 Mar 2024\r\n")
    return "".join(lines)


def test_a_stray_quote_in_a_linkedin_export_names_the_line_and_reads_nothing():
    text = _linkedin(1000, bad_at=1)
    with pytest.raises(FormatError) as error:
        linkedin.parse(text, "Connections.csv")
    message = str(error.value)
    assert "Connections.csv, line 3:" in message and "quote" in message and "--skip-bad-rows" in message


def test_with_skip_bad_rows_only_the_bad_row_is_left_out_and_listed():
    parsed = linkedin.parse(_linkedin(1000, bad_at=1), "Connections.csv", skip_bad=True)
    assert len(parsed.records) == 999
    assert [s.line for s in parsed.skipped] == [3]
    assert parsed.rows == 1000  # every row of the file is accounted for
    assert max(len(r.company) for r in parsed.records) < 10


def test_a_stray_quote_in_a_company_cell_never_makes_a_company_of_the_rest_of_the_file():
    text = _linkedin(50, bad_at=10, bad='Ada,Quote,,,"Acme Co,Eng,12 Mar 2024')
    with pytest.raises(FormatError, match="line 12:"):
        linkedin.parse(text)
    parsed = linkedin.parse(text, skip_bad=True)
    assert len(parsed.records) == 49 and [s.line for s in parsed.skipped] == [12]


def test_an_unclosed_quote_on_the_last_line_is_reported():
    text = _linkedin(3) + 'Last,"Row,,,,,12 Mar 2024'
    with pytest.raises(FormatError, match="line 5: a quote opened on this line is never closed"):
        linkedin.parse(text)


def test_more_cells_than_columns_is_a_bad_row():
    text = _linkedin(3) + "Ada,Lovelace,https://x.example,,Acme, Inc,Eng,12 Mar 2024\r\n"
    with pytest.raises(FormatError, match="line 5: 8 cells for 7 columns"):
        linkedin.parse(text)


def test_linkedin_notes_before_the_header_may_hold_anything():
    text = 'Notes:\r\n"an unclosed note\r\n\r\n' + _linkedin(3)
    assert len(linkedin.parse(text).records) == 3


def test_generic_csv_refuses_a_line_break_outside_the_notes_but_keeps_multi_line_notes():
    good = 'Name,Company,Notes\nAda,Acme,"first line\nsecond line"\nGrace,Navy,\n'
    parsed = csvfile.parse(good)
    assert [r.name for r in parsed.records] == ["Ada", "Grace"]
    assert parsed.records[0].notes == "first line\nsecond line"
    bad = 'Name,Company,Notes\nAda,"Acme\nGrace,Navy,\nAlan,Bletchley,"\n'
    with pytest.raises(FormatError, match="line 2: a quoted cell runs over the end of the line, to line 4"):
        csvfile.parse(bad)
    parsed = csvfile.parse(bad, skip_bad=True)
    assert [s.line for s in parsed.skipped] == [2, 4]
    assert [r.name for r in parsed.records] == ["Grace"]


def test_field_lengths_are_capped():
    text = "Name,Company\nAda," + "x" * 100_000 + "\nGrace,Navy\n"
    with pytest.raises(FormatError, match="line 2: company is 100,000 characters"):
        csvfile.parse(text)
    parsed = csvfile.parse(text, skip_bad=True)
    assert [r.name for r in parsed.records] == ["Grace"] and parsed.skipped[0].line == 2


def test_a_failed_import_saves_nothing(db, tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_text(_linkedin(100, bad_at=50))
    with pytest.raises(FormatError):
        formats.import_file(db, "linkedin", path)
    assert m.Person.select().count() == 0


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_only_a_regular_file_is_read(tmp_path: Path, target: str):
    if target == "fifo":
        target = str(tmp_path / "pipe.csv")
        os.mkfifo(target)
    with pytest.raises(FormatError, match="not a regular file"):
        read_text(target, "CSV")
