"""Rule ``table-prefix``: a plugin's migrations are its own (owner and prefix its name), every
table its models define carries the prefix, and no plugin's prefix covers another's tables
(its autogenerate would take them for its own)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from sqlalchemy.orm import Mapped, mapped_column

import plugins.vip_benefits
from core.api.conformance import table_prefix
from core.errors import Finding
from core.sdk import Base, MigrationsLocation, hookimpl
from tests.core.conformance.checking import findings


class SloppyVisit(Base):
    __tablename__ = "visit_log"
    id: Mapped[int] = mapped_column(primary_key=True)


class SloppyGuest(Base):
    __tablename__ = "sloppy_guest"
    id: Mapped[int] = mapped_column(primary_key=True)


class Sloppy:
    """Defined in this module, like its models: they are its tables."""

    @hookimpl
    def register_migrations(self) -> MigrationsLocation:
        return MigrationsLocation(owner="lounge", path=Path(__file__).parent, table_prefix="lounge_")


VIP = ModuleType("vip", "A plugin of its own module: no tables, but a name another plugin's starts with.")


def test_an_unprefixed_table_and_migrations_under_another_name_are_named() -> None:
    assert findings(("sloppy", Sloppy()), rules=[table_prefix]) == [
        Finding(
            "sloppy",
            "table-prefix",
            "register_migrations returns owner 'lounge' and prefix 'lounge_'; they must be 'sloppy' and 'sloppy_'",
        ),
        Finding("sloppy", "table-prefix", "table 'visit_log' lacks the plugin's prefix 'sloppy_'"),
    ]


def test_a_prefix_that_covers_another_plugins_tables_is_named() -> None:
    found = findings(("vip", VIP), ("vip_benefits", plugins.vip_benefits), rules=[table_prefix])
    assert [(f.plugin, f.rule) for f in found] == [("vip", "table-prefix")]
    assert found[0].message.startswith(
        "the prefix 'vip_' also covers the tables of plugin 'vip_benefits' "
        "(vip_benefits_care_task, vip_benefits_entitlement,"
    )
