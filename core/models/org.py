"""The organisation tree and the staff who work in it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, JSONDocument, UTCDateTime, utcnow
from core.types import UnitRef

UNIT_LEVELS = ("head_office", "branch", "sub_branch", "outlet")


class OrgUnit(Base):
    """A node of the tree: head office → branch → sub-branch → outlet.

    ``path`` is the materialised path of ids (``/1/4/17/``) so "this unit's subtree" is one
    indexed prefix comparison; moving a unit rewrites its subtree's paths in one statement
    and leaves an :class:`OrgUnitMove` behind.
    """

    __tablename__ = "org_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    level: Mapped[str] = mapped_column(sa.String(16))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    path: Mapped[str] = mapped_column(sa.String(400), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.CheckConstraint(f"level IN {UNIT_LEVELS}", name="level"),)

    def ref(self) -> UnitRef:
        """The unit as hooks and principals see it."""
        return UnitRef(id=self.id, code=self.code, name=self.name, level=self.level, path=self.path)  # type: ignore[arg-type]


class OrgUnitMove(Base):
    """One move of a unit under a new parent: where it was, where it went, who and why."""

    __tablename__ = "org_unit_move"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    from_parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_unit.id"))
    to_parent_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"))
    from_path: Mapped[str] = mapped_column(sa.String(400))
    to_path: Mapped[str] = mapped_column(sa.String(400))
    moved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    moved_by: Mapped[str] = mapped_column(sa.String(80))
    reason: Mapped[str] = mapped_column(sa.Text)


class Staff(Base):
    """A member of staff at one unit, with one or more roles."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    employee_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_unit.id"), index=True)
    roles: Mapped[list[str]] = mapped_column(JSONDocument)
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
