"""Settings, kept in the database so they travel with it."""

from __future__ import annotations

import json

from netui.domain.networks import DEFAULT_NEGLECT_DAYS, NETWORK_ORDER
from netui.domain.rings import DEFAULT_CADENCE, RING_ORDER
from netui.domain.settings import Settings
from netui.domain.text import clean_input
from netui.store import models as m
from netui.store.db import Database, writes


def load_settings(db: Database) -> Settings:
    raw = {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM setting")}
    cadence = dict(DEFAULT_CADENCE)
    for ring in RING_ORDER:
        key = f"cadence.{ring.value}"
        if key in raw:
            cadence[ring] = raw[key]
    neglect = {n: DEFAULT_NEGLECT_DAYS for n in NETWORK_ORDER}
    for network in NETWORK_ORDER:
        key = f"neglect.{network.value}"
        if key in raw:
            neglect[network] = int(raw[key])
    return Settings(
        my_name=raw.get("my_name", ""),
        my_company=raw.get("my_company", ""),
        cadence=cadence,
        neglect_days=neglect,
        day_first=bool(raw.get("day_first", True)),
        theme=raw.get("theme", ""),
        target_companies=tuple(str(c) for c in raw.get("review.targets", []) if str(c).strip()),
    )


@writes
def save_settings(db: Database, settings: Settings) -> None:
    values: dict[str, object] = {
        "my_name": clean_input(settings.my_name),
        "my_company": clean_input(settings.my_company),
        "day_first": settings.day_first,
        "theme": clean_input(settings.theme),
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
