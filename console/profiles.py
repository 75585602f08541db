"""Where the console remembers servers: named profiles of URL and token.

The file is ``<user config dir>/console.toml`` (``~/.config/touchstone`` on Linux, from
platformdirs), written whole to a temporary file created ``0600`` and moved into place, so
the token is never readable by others, not even for a moment. The token is never printed:
:class:`Profile` leaves it out of its ``repr``, and nothing in the console shows it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from platformdirs import user_config_dir

FILE_NAME = "console.toml"


@dataclass(frozen=True)
class Profile:
    name: str
    url: str
    token: str = field(repr=False)


class ProfileStore:
    """Profiles kept in one TOML file (``[profiles.<name>]`` with ``url`` and ``token``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(user_config_dir("touchstone")) / FILE_NAME

    def load(self, name: str) -> Profile | None:
        entry = self._read().get(name)
        return Profile(name=name, url=entry["url"], token=entry["token"]) if entry else None

    def names(self) -> list[str]:
        return sorted(self._read())

    def save(self, profile: Profile) -> None:
        profiles = self._read() | {profile.name: {"url": profile.url, "token": profile.token}}
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            tomli_w.dump({"profiles": profiles}, out)
        os.replace(temporary, self.path)

    def _read(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        return tomllib.loads(self.path.read_text(encoding="utf-8")).get("profiles", {})
