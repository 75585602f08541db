"""Per-unit plugin enablement and settings, and the generation counter that tells every
worker process when its cached view of them (and of the tree) is stale."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime


class PluginEnablement(Base):
    """An explicit on/off for a plugin at a unit; units below inherit it unless they set
    their own."""

    __tablename__ = "plugin_enablement"

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), primary_key=True)
    plugin: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    enabled: Mapped[bool]
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(sa.String(80))
    reason: Mapped[str] = mapped_column(sa.Text)


class PluginSetting(Base):
    """A plugin's settings set at a unit (only the keys set there; the rest inherit)."""

    __tablename__ = "plugin_setting"

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), primary_key=True)
    plugin: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    values: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(sa.String(80))


class CacheGeneration(Base):
    """A counter bumped in the same transaction as any change to the tree or enablement."""

    __tablename__ = "cache_generation"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)
