"""Settings, kept in the database so they travel with it."""

from __future__ import annotations

import json

from netui.domain.settings import Settings
from netui.domain.text import clean_input
from netui.store import models as m
from netui.store.db import writes
from netui.store.plain import load_settings  # noqa: F401  (re-exported: read with or without the ORM)


@writes
def save_settings(settings: Settings) -> None:
    values: dict[str, object] = {
        "my_name": clean_input(settings.my_name),
        "my_company": clean_input(settings.my_company),
        "day_first": settings.day_first,
        "theme": clean_input(settings.theme),
    }
    for ring, days in settings.cadence.items():
        values[f"cadence.{ring.value}"] = days
    for network, days in settings.neglect_days.items():
        values[f"neglect.{network.value}"] = days
    for key, value in values.items():
        m.Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()


@writes
def set_setting(key: str, value: object) -> None:
    m.Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
