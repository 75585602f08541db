"""API failures as the console handles them: one exception carrying the problem document.

Every error the API answers is an RFC 9457 problem document (``type``, ``title``,
``detail``, and for invalid input ``errors``: one ``{field, message}`` per offending field).
:class:`ApiError` keeps it whole, so a form can put each message at its field and a screen
can show ``detail`` in a notification and carry on.
"""

from __future__ import annotations

import msgspec

from core.i18n import _

UNREACHABLE = "https://touchstone.example/problems/unreachable"


class FieldError(msgspec.Struct, frozen=True):
    field: str
    message: str


class Problem(msgspec.Struct, frozen=True):
    """The fields of a problem document the console uses (others are ignored)."""

    type: str = "about:blank"
    title: str = ""
    status: int = 0
    detail: str = ""
    errors: list[FieldError] = msgspec.field(default_factory=list)
    allowed: list[str] | None = None
    """Transitions allowed instead (``transition-not-allowed``)."""
    plugin: str | None = None
    """The plugin that is off here (``plugin-disabled``)."""


class ApiError(Exception):
    """A call the API refused (or could not be made): the problem document, whole."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail or problem.title)
        self.problem = problem

    @property
    def status(self) -> int:
        return self.problem.status

    @property
    def slug(self) -> str:
        """The last part of the problem ``type`` (``validation``, ``plugin-disabled``…)."""
        return self.problem.type.rstrip("/").rsplit("/", 1)[-1]

    @property
    def message(self) -> str:
        """What to tell a person: the detail, else the title."""
        return self.problem.detail or self.problem.title or _("HTTP {status}").format(status=self.status)

    def at(self, field: str) -> str | None:
        """The first message about ``field`` (``controls[2].threshold``), if any."""
        return next((e.message for e in self.problem.errors if e.field == field), None)

    @classmethod
    def unreachable(cls, where: str, reason: str) -> ApiError:
        return cls(
            Problem(
                type=UNREACHABLE,
                title=_("Server unreachable"),
                detail=_("cannot reach {where}: {reason}").format(where=where, reason=reason),
            )
        )
