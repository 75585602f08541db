"""Domain errors. Services raise these; the API turns each into an RFC 9457 problem document
with a stable ``type`` (see :mod:`core.api.problems`) and the CLI prints their message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import msgspec

from core.i18n import LazyString, _, lazy_gettext

_WHERE = re.compile(r"^(?P<message>.*?)(?: - at `\$\.?(?P<path>[^`]*)`)?$", re.S)


class TouchstoneError(Exception):
    """Base of every error a user can cause. ``slug`` names its problem type."""

    status = 400
    slug = "bad-request"
    title: str | LazyString = lazy_gettext("Bad request")

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(TouchstoneError):
    title: str | LazyString  # declared again: the tuple below would narrow it to str for subclasses
    status, slug, title = 404, "not-found", lazy_gettext("Not found")


class PluginDisabled(NotFound):
    slug, title = "plugin-disabled", lazy_gettext("Plugin not enabled here")

    def __init__(self, plugin: str, unit_code: str) -> None:
        super().__init__(
            _("plugin '{plugin}' is not enabled at unit '{unit}'").format(plugin=plugin, unit=unit_code),
            plugin=plugin,
            unit=unit_code,
        )


class Forbidden(TouchstoneError):
    status, slug, title = 403, "forbidden", lazy_gettext("Forbidden")


class OutOfScope(Forbidden):
    slug, title = "out-of-scope", lazy_gettext("Outside your organisation scope")


class Conflict(TouchstoneError):
    title: str | LazyString  # declared again: the tuple below would narrow it to str for subclasses
    status, slug, title = 409, "conflict", lazy_gettext("Conflict")


class TransitionNotAllowed(Conflict):
    slug, title = "transition-not-allowed", lazy_gettext("Transition not allowed")

    def __init__(self, entity: str, current: str, wanted: str, allowed: Sequence[str]) -> None:
        """``entity`` is the translated name of the thing (``_("client")``); the states are
        enum values and stay as the API spells them."""
        allowed_text = ", ".join(allowed) if allowed else _("none")
        super().__init__(
            _("{entity} in state '{current}' cannot go to '{wanted}'; allowed: {allowed}").format(
                entity=entity, current=current, wanted=wanted, allowed=allowed_text
            ),
            current=current,
            requested=wanted,
            allowed=list(allowed),
        )


class UnsupportedMediaType(TouchstoneError):
    status, slug, title = 415, "unsupported-media-type", lazy_gettext("Unsupported media type")


class FieldProblem(TouchstoneError):
    """Input that breaks a rule; names each offending field and the rule it breaks."""

    status, slug, title = 422, "validation", lazy_gettext("Invalid input")

    def __init__(self, errors: Sequence[tuple[str, str | LazyString]]) -> None:
        detail = "; ".join(f"{field}: {message}" for field, message in errors)
        super().__init__(detail, errors=[{"field": f, "message": str(m)} for f, m in errors])

    @classmethod
    def one(cls, field: str, message: str | LazyString) -> FieldProblem:
        return cls([(field, message)])

    @classmethod
    def from_validation(cls, exc: msgspec.ValidationError, *, prefix: str = "", whole: str = "body") -> FieldProblem:
        """msgspec's refusal as a problem naming its field: ``prefix`` goes before the path
        msgspec reports (``values`` → ``values.quota``); ``whole`` names a refusal of the
        whole document."""
        path, message = validation_field(exc)
        field = ".".join(part for part in (prefix, path) if part) or whole
        return cls.one(field, message)


def validation_field(exc: msgspec.ValidationError) -> tuple[str, str]:
    """Split msgspec's ``"Expected `int`, got `str` - at `$.controls[0].threshold`"`` into
    ``("controls[0].threshold", "应为 int，收到的是 str")``: the path is "" at the top, and the
    rule is said in the current language (see :func:`field_rule`)."""
    match = _WHERE.match(str(exc))
    assert match is not None  # the pattern matches any text
    return field_rule(match["path"] or "", match["message"])


_MSGSPEC_RULES: list[tuple[re.Pattern[str], LazyString]] = [
    (
        re.compile(r"Expected `(?P<expected>[^`]+)`, got `(?P<got>[^`]+)`"),
        lazy_gettext("expected {expected}, got {got}"),
    ),
    (
        re.compile(r"Expected `[^`]+` of length >= (?P<bound>\d+)"),
        lazy_gettext("must have a length of at least {bound}"),
    ),
    (
        re.compile(r"Expected `[^`]+` of length <= (?P<bound>\d+)"),
        lazy_gettext("must have a length of at most {bound}"),
    ),
    (re.compile(r"Expected `[^`]+` >= (?P<bound>\S+)"), lazy_gettext("must be at least {bound}")),
    (re.compile(r"Expected `[^`]+` <= (?P<bound>\S+)"), lazy_gettext("must be at most {bound}")),
    (re.compile(r"Expected `[^`]+` > (?P<bound>\S+)"), lazy_gettext("must be greater than {bound}")),
    (re.compile(r"Expected `[^`]+` < (?P<bound>\S+)"), lazy_gettext("must be less than {bound}")),
    (
        re.compile(r"Expected `[^`]+` that's a multiple of (?P<bound>\S+)"),
        lazy_gettext("must be a multiple of {bound}"),
    ),
    (re.compile(r"Expected `str` matching regex (?P<pattern>.+)"), lazy_gettext("must match the pattern {pattern}")),
    (re.compile(r"Invalid enum value (?P<value>.+)"), lazy_gettext("{value} is not an allowed value")),
    (
        re.compile(r"Invalid RFC3339 encoded datetime"),
        lazy_gettext("not a date-time such as 2026-12-04T18:30:00+08:00"),
    ),
    (re.compile(r"Invalid RFC3339 encoded date"), lazy_gettext("not a date such as 2026-12-04")),
    (re.compile(r"Invalid decimal string"), lazy_gettext("not a decimal number")),
    (re.compile(r"Invalid UUID"), lazy_gettext("not a UUID")),
    (re.compile(r"Number out of range"), lazy_gettext("the number is out of range")),
]
_NAMED = {
    re.compile(r"Object missing required field `(?P<name>[^`]+)`"): lazy_gettext("is required"),
    re.compile(r"Object contains unknown field `(?P<name>[^`]+)`"): lazy_gettext("is not a known field"),
}


def field_rule(path: str, message: str) -> tuple[str, str]:
    """One msgspec refusal as (field path, rule) in the current language — the one place
    msgspec's English becomes the user's. A missing or unknown field is named itself (msgspec
    reports it against the object holding it). Paths, type names and values stay as sent; a
    message of no known shape (a decoder's own, already translated) passes unchanged."""
    for pattern, rule in _NAMED.items():
        if named := pattern.fullmatch(message):
            return ".".join(part for part in (path, named["name"]) if part), str(rule)
    for pattern, rule in _MSGSPEC_RULES:
        if match := pattern.fullmatch(message):
            return path, str(rule).format(**match.groupdict())
    return path, message


def require_reason(reason: str | None) -> str:
    """The bank's rule: a change to a record carries a reason. Returns it stripped."""
    if not reason or not reason.strip():
        raise FieldProblem.one("reason", _("a reason is required for this change"))
    return reason.strip()


class UnknownChoice(TouchstoneError):
    """A filter value outside its parameter's choices (``tier=platinum``): refused, naming the
    parameter and what it allows, rather than answering an empty list."""

    status, slug, title = 400, "unknown-choice", lazy_gettext("Value not allowed")

    def __init__(self, parameter: str, value: str, allowed: Sequence[str]) -> None:
        super().__init__(
            _("{parameter}: '{value}' is not one of {allowed}").format(
                parameter=parameter, value=value, allowed=", ".join(allowed)
            ),
            parameter=parameter,
            allowed=list(allowed),
        )


def check_choice(parameter: str, value: str | None, allowed: Sequence[str]) -> None:
    """Refuse ``value`` for ``parameter`` unless it is one of ``allowed`` (None passes: no filter)."""
    if value is not None and value not in allowed:
        raise UnknownChoice(parameter, value, allowed)


class PluginRefused(ValueError):
    """An installed plugin the app will not start with (a route that declares no permission,
    a permission that clashes with another's). The message names the plugin and what to fix;
    ``touchstone serve`` prints it and exits, without a traceback."""


class Finding(msgspec.Struct, frozen=True):
    """One broken conformance rule (see :mod:`core.api.conformance`): which plugin, which
    rule (its id, as ``docs/plugins.md`` lists them), and what is wrong, naming the route,
    table, hook or file."""

    plugin: str
    rule: str
    message: str


class PluginNonConformant(PluginRefused):
    """Installed plugins that break conformance rules: the app (and every command) refuses to
    start with them. ``findings`` lists each broken rule; the message names every plugin and
    rule, one line each, so the CLI prints it as it is."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        lines = [
            _("plugin '{plugin}' breaks rule '{rule}': {message}").format(
                plugin=f.plugin, rule=f.rule, message=f.message
            )
            for f in self.findings
        ]
        super().__init__("\n".join([*lines, _("Run `touchstone plugin check` for the whole report.")]))


class DatabaseNotMigrated(RuntimeError):
    """The schema is behind the code; the message says which command fixes it."""
