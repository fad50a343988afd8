"""The funnel report as plain text with a small bar chart: for `netui funnel` and the app."""

from __future__ import annotations

from netui.domain.funnel import FunnelReport
from netui.domain.rings import RING_ORDER, ring_inward
from netui.domain.text import displayable

BAR = "█"
# Style hints the app turns into styles; plain text ignores them.
TITLE, HEADING, TEXT, MUTED = "title", "heading", "", "muted"


def bar(value: int, top: int, width: int) -> str:
    """``value`` as a bar of at most ``width`` cells, scaled so ``top`` fills it; never empty for >0."""
    if value <= 0 or top <= 0 or width <= 0:
        return ""
    return BAR * max(1, round(value / top * width))


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f} day{'s' if round(value) != 1 else ''}"


def report_lines(report: FunnelReport, width: int = 80) -> list[tuple[str, str]]:
    """(style hint, line) pairs. Every name is made safe for a terminal."""
    lines: list[tuple[str, str]] = []
    add = lambda text="", hint=TEXT: lines.append((hint, text))  # noqa: E731
    span = f"since {report.since.isoformat()}" if report.since else "all time"
    add(f"Funnel report · {span} · today {report.today.isoformat()}", TITLE)
    add()
    add("On each ring now: " + " · ".join(f"{r.value} {report.ring_counts[r]:,}" for r in RING_ORDER))
    add(
        f"In this period: {report.total_inward:,} moved in, {report.total_outward:,} moved out, "
        f"{report.total_added:,} added"
    )
    add()
    add("Moves per month (▶ in, ◀ out, + added)", HEADING)
    number = max(
        (len(f"{n:,}") for m in report.months for n in (m.inward, m.outward, m.added)), default=1
    )
    bar_width = max(4, min(24, (width - 10 - 3 * (number + 4)) // 3))
    top = max((max(m.inward, m.outward, m.added) for m in report.months), default=0)
    if not report.months or top == 0:
        add("  no moves and nobody added in this period", MUTED)
    else:
        for m in report.months:
            cells = [
                f"{sign} {bar(n, top, bar_width):<{bar_width}} {n:>{number},}"
                for sign, n in (("▶", m.inward), ("◀", m.outward), ("+", m.added))
            ]
            add(f"{m.label}  " + "  ".join(cells))
    add()
    add("Median time on a ring before moving in", HEADING)
    for ring in RING_ORDER:
        if ring_inward(ring) is None:
            continue
        moves = report.inward_moves_counted[ring]
        detail = f"  (over {moves:,} move{'s' if moves != 1 else ''})" if moves else "  (nobody moved in from here)"
        add(f"  {ring.value:<10} {_days(report.median_days_before_inward[ring]):>12}{detail}")
    add()
    add("Sat longest on each ring", HEADING)
    for ring in RING_ORDER:
        stays = report.longest_on_ring.get(ring, ())
        if not stays:
            add(f"  {ring.value:<10} nobody", MUTED)
            continue
        for i, stay in enumerate(stays):
            label = ring.value if i == 0 else ""
            add(f"  {label:<10} {stay.days:>6,} days  {displayable(stay.name)} (since {stay.since.isoformat()})")
    return lines


def report_text(report: FunnelReport, width: int = 80) -> str:
    return "\n".join(text for _hint, text in report_lines(report, width))
