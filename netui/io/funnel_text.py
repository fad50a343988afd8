"""The funnel report as plain text with a small bar chart: for `netui funnel` and the app."""

from __future__ import annotations

from netui.domain.funnel import FunnelExposure, FunnelReport
from netui.domain.rings import RING_ORDER, ring_inward
from netui.domain.text import displayable

BAR = "█"
# Style hints the app turns into styles; plain text ignores them.
TITLE, HEADING, TEXT, MUTED = "title", "heading", "", "muted"
BROADCASTS_SHOWN = 10


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
    add()
    lines += exposure_lines(report.exposure, width)
    return lines


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def exposure_lines(e: FunnelExposure, width: int = 80, shown: int = BROADCASTS_SHOWN) -> list[tuple[str, str]]:
    """New people per month and per broadcast, and how many moved inward since they were added."""
    lines: list[tuple[str, str]] = []
    add = lambda text="", hint=TEXT: lines.append((hint, text))  # noqa: E731
    add("Exposure: new people per month, and what brought them", HEADING)
    if e.added:
        add(f"  {e.added:,} new, {e.met_through:,} met through a broadcast, {e.moved_in:,} "
            f"({e.moved_in * 100 // e.added}%) on a closer ring now than when added")
    else:
        add("  nobody new in this period", MUTED)
    if e.added or e.broadcast_count:
        number = max(len(f"{n:,}") for m in e.months for n in (m.added, m.met_through, m.moved_in, m.broadcasts))
        cols = [max(number, len(h)) for h in ("new", "met through", "moved in", "broadcasts")]
        head = "  ".join(f"{h:>{w}}" for h, w in zip(("new", "met through", "moved in", "broadcasts"), cols))
        add(f"  month    {head}", MUTED)
        for m in e.months:
            row = "  ".join(f"{n:>{w},}" for n, w in zip((m.added, m.met_through, m.moved_in, m.broadcasts), cols))
            add(f"  {m.label}  {row}")
    add()
    add("Per broadcast: people met through it, and how many moved in since", HEADING)
    if not e.broadcasts:
        add("  nothing broadcast in this period: log a talk, post, article or panel, then pick it as", MUTED)
        add("  \"met through\" in the form of the people you met there", MUTED)
        return lines
    top = e.broadcasts[:shown]
    number = max(len(f"{n:,}") for r in top for n in (r.met, r.moved_in))
    ids = max(len(str(r.broadcast.interaction_id)) for r in top)
    for r in top:
        b = r.broadcast
        counts = f"{r.met:>{number},} met  {r.moved_in:>{number},} moved in"
        room = max(width - (2 + 10 + 1 + 7 + 1) - (2 + len(counts)) - (2 + 1 + ids), 12)
        what = _clip(displayable(b.summary) or "(no summary)", room)
        add(f"  {b.day.isoformat()} {b.kind:<7} {what:<{room}}  {counts}  #{b.interaction_id}")
    if len(e.broadcasts) > shown:
        add(f"  and {len(e.broadcasts) - shown:,} more (netui funnel --json lists them all)", MUTED)
    return lines


def report_text(report: FunnelReport, width: int = 80) -> str:
    return "\n".join(text for _hint, text in report_lines(report, width))
