"""Configuration: environment variables over a TOML file over defaults.

Operators script against these names, so they are stable:
``TOUCHSTONE_DATABASE_URL`` (any SQLAlchemy async URL; default a SQLite file in the data
directory), ``TOUCHSTONE_DATA_DIR`` (where the embedded database lives) and
``TOUCHSTONE_CONFIG`` (a TOML file; default ``touchstone.toml`` in the data directory).
"""

from __future__ import annotations

import os
import tomllib
from decimal import Decimal
from pathlib import Path

import msgspec
import platformdirs

from core.types import ScorecardWeights, TierThresholds


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """What a running Touchstone needs to know about its surroundings."""

    data_dir: Path
    database_url: str
    token_ttl_days: int = 90
    """How long a new API token lives unless its creator says otherwise."""
    archive_retention_days: int = 30
    """How long an archived client can still be restored before the purge job takes it."""
    outbox_max_attempts: int = 8
    """Deliveries tried before a message is marked failed (and kept, visible)."""
    idempotency_retention_hours: int = 48
    """How long an answer given under an ``Idempotency-Key`` is kept for replay (at least 24)."""
    tiers: dict[str, Decimal] | None = None
    """Lowest assets (CNY) per tier, e.g. ``{private_banking = 6000000, gold = 500000,
    silver = 50000, mass = 0}``; the defaults are those."""

    demo_history_days: int = 182
    """Days of service history the demo writes (``touchstone demo``, ``serve --demo``, the
    embedded console): six months by default, a week for a quick look or a test."""
    scorecard: ScorecardWeights = ScorecardWeights()
    """Weights of the customer-manager scorecard (``[scorecard]`` in the config file)."""

    @property
    def thresholds(self) -> TierThresholds:
        if not self.tiers:
            return TierThresholds()
        return TierThresholds(tiers=tuple(sorted(self.tiers.items(), key=lambda item: item[1], reverse=True)))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def normalise_database_url(url: str) -> str:
    """Accept the URLs people paste (``postgresql://``, ``sqlite:///``) and pick the async
    driver Touchstone runs on."""
    for plain, driver in (
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: the process environment) and the config file."""
    env = dict(os.environ) if env is None else env
    env_dir = env.get("TOUCHSTONE_DATA_DIR")
    default_dir = Path(env_dir or platformdirs.user_data_dir("touchstone"))
    config_path = Path(env.get("TOUCHSTONE_CONFIG") or default_dir / "touchstone.toml")
    file_values: dict[str, object] = {}
    if config_path.is_file():
        with config_path.open("rb") as fh:
            file_values = tomllib.load(fh)
    file_dir = file_values.pop("data_dir", None)
    file_url = file_values.pop("database_url", None)
    data_dir = Path(env_dir or str(file_dir or default_dir))
    url = env.get("TOUCHSTONE_DATABASE_URL") or str(file_url or f"sqlite:///{data_dir / 'touchstone.db'}")
    try:
        return msgspec.convert(
            {**file_values, "data_dir": str(data_dir), "database_url": normalise_database_url(url)},
            Settings,
            strict=False,
            dec_hook=lambda type_, value: Path(value) if type_ is Path else value,
        )
    except msgspec.ValidationError as exc:
        raise SystemExit(f"invalid setting in {config_path}: {exc}") from exc
