"""Where the console remembers servers: named profiles of URL, token and language.

The file is ``<user config dir>/console.toml`` (``~/.config/touchstone`` on Linux, from
platformdirs), written whole to a temporary file created ``0600`` and moved into place, so
the token is never readable by others, not even for a moment. The token is never printed:
:class:`Profile` leaves it out of its ``repr``, and nothing in the console shows it.

A profile may say which ``language`` its console speaks (``language = "en"``, written by hand
or with ``touchstone console --lang en --url …``); ``--lang`` and ``TOUCHSTONE_LANG`` still
win over it, as a command line and the environment win over a file (see :func:`speaking`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from platformdirs import user_config_dir

from core.i18n import LANGUAGE_VARIABLE, current_language, supported

FILE_NAME = "console.toml"


@dataclass(frozen=True)
class Profile:
    name: str
    url: str
    token: str = field(repr=False)
    language: str | None = None
    """The language the console speaks with this profile (``zh_CN``, ``en``), None: the default."""


def speaking(asked: str | None, remembered: str | None) -> str:
    """The console's language: ``--lang`` (``asked``), else ``TOUCHSTONE_LANG``, else the
    profile's ``language`` (``remembered``), else the default (Chinese)."""
    if asked or supported(os.environ.get(LANGUAGE_VARIABLE)):
        return supported(asked) or current_language()
    return supported(remembered) or current_language()


class ProfileStore:
    """Profiles kept in one TOML file (``[profiles.<name>]`` with ``url``, ``token`` and an
    optional ``language``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(user_config_dir("touchstone")) / FILE_NAME

    def load(self, name: str) -> Profile | None:
        entry = self._read().get(name)
        if not entry:
            return None
        return Profile(name=name, url=entry["url"], token=entry["token"], language=entry.get("language"))

    def names(self) -> list[str]:
        return sorted(self._read())

    def save(self, profile: Profile) -> None:
        entry = {"url": profile.url, "token": profile.token}
        if profile.language:
            entry["language"] = profile.language
        profiles = self._read() | {profile.name: entry}
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
