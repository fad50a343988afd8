"""Settings, kept in the database so they travel with it."""

from __future__ import annotations

import json

from netui.domain.networks import DEFAULT_NEGLECT_DAYS, NETWORK_ORDER
from netui.domain.rings import DEFAULT_CADENCE, RING_ORDER
from netui.domain.settings import DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS, Settings
from netui.domain.text import clean_input
from netui.store import models as m
from netui.store.db import Database, writes


def _days(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3650 else None


def load_settings(db: Database) -> Settings:
    """The settings; a damaged one (not JSON, or not the type netui reads) counts as not set,
    so one bad row never stops the app from starting."""
    raw: dict[str, object] = {}
    for key, value in db.execute("SELECT key, value FROM setting"):
        try:
            raw[key] = json.loads(value)
        except (TypeError, ValueError, RecursionError):
            continue
    cadence = dict(DEFAULT_CADENCE)
    for ring in RING_ORDER:
        key = f"cadence.{ring.value}"
        if key in raw and (raw[key] is None or _days(raw[key]) is not None):  # null: no cadence for the ring
            cadence[ring] = raw[key]
    neglect = {n: DEFAULT_NEGLECT_DAYS for n in NETWORK_ORDER}
    for network in NETWORK_ORDER:
        days = _days(raw.get(f"neglect.{network.value}"))
        if days is not None:
            neglect[network] = days

    def text(key: str) -> str:
        value = raw.get(key, "")
        return value if isinstance(value, str) else ""

    day_first = raw.get("day_first", True)
    return Settings(
        my_name=text("my_name"),
        my_company=text("my_company"),
        cadence=cadence,
        neglect_days=neglect,
        day_first=day_first if isinstance(day_first, bool) else True,
        theme=text("theme"),
        date_lead_days=_lead(raw.get("dates.lead_days")),
        target_companies=_targets(raw.get("review.targets")),
    )


def _targets(value: object) -> tuple[str, ...]:
    """The target companies setting: a list of names (anything else, as if none were set)."""
    if not isinstance(value, list):
        return ()
    return tuple(c for c in value if isinstance(c, str) and c.strip())


def _lead(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_LEAD_DAYS:
        return value
    return DEFAULT_LEAD_DAYS


@writes
def save_settings(db: Database, settings: Settings) -> None:
    values: dict[str, object] = {
        "my_name": clean_input(settings.my_name),
        "my_company": clean_input(settings.my_company),
        "day_first": settings.day_first,
        "theme": clean_input(settings.theme),
        "dates.lead_days": settings.date_lead_days,
        "review.targets": [c for c in (clean_input(t) for t in settings.target_companies) if c],
    }
    for ring, days in settings.cadence.items():
        values[f"cadence.{ring.value}"] = days
    for network, days in settings.neglect_days.items():
        values[f"neglect.{network.value}"] = days
    for key, value in values.items():
        m.Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()


@writes
def set_setting(db: Database, key: str, value: object) -> None:
    m.Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
