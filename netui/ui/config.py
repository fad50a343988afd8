"""The user's config file: ``config.toml`` in the netui config folder.

    [keys]
    "people.sort" = "o"          # binding id = key(s), comma-separated
    "app.quit" = "q,ctrl+c"

Binding ids are listed by `?` (help) next to each key. A broken file is reported
and ignored, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class UserConfig:
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("netui", appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> UserConfig:
    path = path or config_path()
    config = UserConfig()
    if not path.exists():
        return config
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"{path} could not be read ({exc}); using the default keys.")
        return config
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        config.problems.append(f"{path}: [keys] must be a table of binding id = \"key\"; ignored.")
        return config
    for binding_id, key in keys.items():
        if isinstance(key, str) and key.strip():
            config.keymap[str(binding_id)] = key.strip()
        else:
            config.problems.append(f"{path}: keys.{binding_id} must be a key name such as \"o\"; ignored.")
    return config
