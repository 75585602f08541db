"""Public value types exchanged between the core and plugins.

Hooks receive and return these msgspec Structs, never loose dicts, so a plugin author can
see every field a payload has and the core can validate what a plugin hands back. They are
part of the public plugin API: fields are only ever added, with defaults.
"""

from __future__ import annotations

import datetime as dt
import importlib
import warnings
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import msgspec

from core.i18n import _

if TYPE_CHECKING:
    from core.context import JobContext
    from core.i18n import LazyString

UnitLevel = Literal["head_office", "branch", "sub_branch", "outlet"]
ClientKind = Literal["retail", "corporate"]
ClientState = Literal["prospect", "active", "dormant", "closed", "archived", "purged"]


class UnitRef(msgspec.Struct, frozen=True):
    """An organisation unit as hooks see it: its code names it on the API and in the CLI."""

    id: int
    code: str
    name: str
    level: UnitLevel
    path: str
    """Materialised path of unit ids, e.g. ``/1/4/17/``; a unit's subtree shares its prefix."""


class ClientSnapshot(msgspec.Struct, frozen=True):
    """A client record as it stood when a hook fired (personal data included: hooks run
    inside the core, a plugin must mask it itself before it leaves the process)."""

    id: str
    kind: ClientKind
    name: str
    state: ClientState
    tier: str | None
    unit: UnitRef
    manager_id: str | None
    assets_under_management: Decimal | None = None
    deposits: Decimal | None = None
    risk_class: str | None = None
    size: str | None = None
    birthday: dt.date | None = None
    phone: str | None = None
    id_number: str | None = None


class StaffSnapshot(msgspec.Struct, frozen=True):
    """A member of staff as hooks see them."""

    id: str
    employee_no: str
    name: str
    roles: tuple[str, ...]
    unit: UnitRef
    phone: str | None = None


class FieldChange(msgspec.Struct, frozen=True):
    """One changed field of a record: its value before and after (JSON-compatible)."""

    field: str
    before: Any
    after: Any


MOMENT_YEARS = (1900, 2200)
"""The years a :class:`Moment` may fall in."""


class _AnyDatetime(type):
    """Counts every ``datetime`` as a :class:`Moment`, so its decoder can hand msgspec back a
    plain ``datetime``: handlers, services and hooks never meet a subclass (msgspec encodes
    only the plain type)."""

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, dt.datetime)


if TYPE_CHECKING:
    Moment = dt.datetime  # every datetime counts as one (the metaclass), so to a checker it is one
else:

    class Moment(dt.datetime, metaclass=_AnyDatetime):
        """A date and time a request gives, in a body or a query parameter, within
        :data:`MOMENT_YEARS`.

        Declare request fields and parameters ``Moment`` where you would write ``datetime``: the
        API decodes them with :func:`decode_moment`, so a moment outside the range (a year 1 or
        9999 overflows on the way to UTC) is refused with a 422 naming the field, in one place for
        every route. The value the handler receives is a plain ``datetime``.
        """


def decode_moment(value: Any) -> dt.datetime:
    """``value`` (RFC 3339 text, or a datetime) as the datetime a :class:`Moment` field holds;
    ``ValueError`` when it is no date and time or lies outside :data:`MOMENT_YEARS` (msgspec
    then names the field)."""
    try:
        moment = msgspec.convert(value, dt.datetime)
    except msgspec.ValidationError as exc:
        raise ValueError(str(exc).partition(" - at ")[0]) from exc
    earliest, latest = MOMENT_YEARS
    if not earliest <= moment.year <= latest:
        raise ValueError(
            _("must lie between the years {earliest} and {latest}").format(earliest=earliest, latest=latest)
        )
    return moment


DECIMAL_LIMIT = Decimal(10) ** 15
"""A :class:`FiniteDecimal` is smaller than this in size (an amount of CNY fits the fen column)."""


class _AnyDecimal(type):
    """Counts every ``Decimal`` as a :class:`FiniteDecimal` (as :class:`_AnyDatetime` does
    for moments)."""

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, Decimal)


if TYPE_CHECKING:
    FiniteDecimal = Decimal  # every Decimal counts as one (the metaclass), so to a checker it is one
else:

    class FiniteDecimal(Decimal, metaclass=_AnyDecimal):
        """A decimal number a request gives (an amount of CNY, an assessed score): finite and
        smaller than :data:`DECIMAL_LIMIT` in size.

        Declare request fields ``FiniteDecimal`` where you would write ``Decimal``: ``NaN`` cannot
        be compared, infinity and 10^400 do not fit a column, and :func:`decode_finite_decimal`
        refuses them with a 422 naming the field. The handler receives a plain ``Decimal``.
        """


def decode_finite_decimal(value: Any) -> Decimal:
    """``value`` (a number or its text) as the Decimal a :class:`FiniteDecimal` field holds;
    ``ValueError`` when it is no number, not finite or too large."""
    try:
        number = msgspec.convert(value, Decimal, strict=False)
    except msgspec.ValidationError as exc:
        raise ValueError(str(exc).partition(" - at ")[0]) from exc
    if not number.is_finite() or abs(number) >= DECIMAL_LIMIT:
        raise ValueError(
            _("must be a finite number smaller than {limit} in size").format(limit=f"{DECIMAL_LIMIT:,.0f}")
        )
    return number


class Period(msgspec.Struct, frozen=True):
    """A half-open reporting period ``[start, end)`` in UTC."""

    start: dt.datetime
    end: dt.datetime


# --- touchpoints -------------------------------------------------------------------------

Channel = Literal["branch", "phone", "e_banking", "visit"]
CHANNELS: tuple[str, ...] = get_args(Channel)
"""Where a contact happens; one spelling, snake_case, as every enum of the API."""
FORMER_CHANNEL_SPELLINGS = {"e-banking": "e_banking"}
"""The 0.2 spelling, still taken on input (with a :class:`DeprecationWarning`) until 0.4."""


def channel_named(value: str) -> str:
    """The channel ``value`` names: a former spelling is respelled, with a warning saying the
    new one (a plugin's touchpoint, a standard file or an event of 0.2 keeps working)."""
    if value in FORMER_CHANNEL_SPELLINGS:
        warnings.warn(
            f"channel '{value}' is spelled '{FORMER_CHANNEL_SPELLINGS[value]}' since touchstone 0.3",
            DeprecationWarning,
            stacklevel=2,
        )
        return FORMER_CHANNEL_SPELLINGS[value]
    return value


class TouchpointSpec(msgspec.Struct, frozen=True):
    """A touchpoint a plugin adds to the catalogue (complaint intake, perk redemption...)."""

    code: str
    name: str
    channel: Channel
    description: str = ""
    owner: str = ""
    """Filled in by the core with the contributing plugin's name."""


class ControlOutcome(msgspec.Struct, frozen=True):
    """The verdict of one control on one service event.

    ``passed`` is ``None`` when the control does not apply to this event (its metric was not
    measured, or it is a periodic control judged over a period rather than per event).
    """

    passed: bool | None
    measured: Any = None
    expected: Any = None
    note: str = ""


class MeasurementSpec(msgspec.Struct, frozen=True, kw_only=True):
    """The measurement a control reads from each event, as its kind declares it: the type
    and the range of values that can exist, so the core refuses an impossible value (a
    negative wait, ``1e308`` minutes, ``"yes"`` for a yes/no) before anything is judged.

    A value outside the spec is not a failed control but a wrong measurement: the event is
    refused with a 422 naming the key and this rule. Whether a possible value *passes* is the
    kind's ``evaluate``'s business, not the spec's.
    """

    type: Literal["number", "integer", "boolean", "text"]
    """``number``: an integer or a decimal, never true/false; ``integer``: a whole number;
    ``boolean``: true or false; ``text``: a string."""
    minimum: float | None = None
    """Smallest possible number (``None``: ``-MAX_MAGNITUDE``); numbers are always finite."""
    maximum: float | None = None
    """Largest possible number (``None``: ``MAX_MAGNITUDE``, see :mod:`core.measurements`)."""
    choices: tuple[str | int | float | bool, ...] = ()
    """Every value the measurement can take, when it is a closed set (empty: any of its type)."""
    max_length: int = 200
    """Longest possible text."""
    unit: str = ""
    """The unit the number is in (``min``), shown in the refusal."""


class ControlKind(msgspec.Struct, frozen=True):
    """A kind of measurable check a standard's controls may use.

    ``validate`` checks a control definition when a standard is saved (return a list of
    problems, empty when fine); ``evaluate`` judges one event's measurements against it.
    ``measurement`` declares what a control of this kind reads: given the control's
    definition, the :class:`MeasurementSpec` of its ``metric``, or ``None`` when it reads no
    measurement per event (a periodic control). The core compiles the specs of every version
    in force once, with the standard, and refuses an event whose measurements break them or
    carry a key no control of the version reads. A kind without ``measurement`` (written
    before it existed) has its metric checked by the core's general rules only (a finite
    number of at most ``MAX_MAGNITUDE``, a text of at most 200 characters, true or false).
    All three are synchronous and pure: they run when a standard is saved or loaded and on the
    hot path of recording events.
    """

    name: str
    description: str
    validate: Callable[[dict[str, Any]], list[str]]
    evaluate: Callable[[dict[str, Any], dict[str, Any]], ControlOutcome]
    measurement: Callable[[dict[str, Any]], MeasurementSpec | None] | None = None


class ControlResult(msgspec.Struct, frozen=True):
    """One control's verdict on one event, as stored with the event."""

    key: str
    name: str
    kind: str
    passed: bool | None
    measured: Any = None
    expected: Any = None
    unit: str = ""
    severity: str = "minor"


class ServiceEventRecord(msgspec.Struct, frozen=True):
    """A stored service event as hooks see it."""

    id: str
    touchpoint: str
    unit: UnitRef
    occurred_at: dt.datetime
    channel: str
    measurements: dict[str, Any]
    outcome: Literal["pass", "fail", "none"]
    standard_version: int | None
    staff_id: str | None = None
    client_id: str | None = None


class NonconformityRecord(msgspec.Struct, frozen=True):
    """A nonconformity opened by a failed control."""

    id: str
    event_id: str
    touchpoint: str
    unit: UnitRef
    control: ControlResult
    raised_at: dt.datetime
    due_at: dt.datetime
    staff_id: str | None = None


# --- scoring -----------------------------------------------------------------------------


class ScoreComponent(msgspec.Struct, frozen=True):
    """One visible part of a score: what it is, its raw value, its weight and what it adds.

    ``points`` is what the component contributes to the total; ``value`` and ``weight`` let
    a manager see why.
    """

    key: str
    label: str
    value: Decimal
    weight: Decimal
    points: Decimal
    source: str = ""


class TierThresholds(msgspec.Struct, frozen=True):
    """Lower bounds of assets (CNY) per tier, checked from the highest down."""

    tiers: tuple[tuple[str, Decimal], ...] = (
        ("private_banking", Decimal("6000000")),
        ("gold", Decimal("500000")),
        ("silver", Decimal("50000")),
        ("mass", Decimal("0")),
    )

    def tier_for(self, assets: Decimal) -> str:
        """The highest tier whose floor ``assets`` reach (the lowest tier otherwise)."""
        return next((tier for tier, floor in self.tiers if assets >= floor), self.tiers[-1][0])


class ScorecardWeights(msgspec.Struct, frozen=True):
    """Points available per part of the customer-manager scorecard (the manual's example:
    targets 40 + 20, process 40, adjustments ±20)."""

    marketing: Decimal = Decimal(40)
    service: Decimal = Decimal(20)
    process: Decimal = Decimal(40)
    adjustments: Decimal = Decimal(20)


# --- extension ---------------------------------------------------------------------------


class MigrationsLocation(msgspec.Struct, frozen=True):
    """Where an owner's Alembic revisions live and which tables belong to it.

    ``owner`` names the version table (``<owner>_alembic_version``); ``table_prefix``
    is what autogenerate may see (a plugin's tables carry its name as prefix).
    """

    owner: str
    path: Path
    table_prefix: str


JobRunner = Callable[["JobContext"], Awaitable[str]]


class Job(msgspec.Struct, frozen=True):
    """A background job run by ``touchstone jobs run NAME``.

    ``run`` receives a :class:`~core.context.JobContext` (open a unit of work per batch with
    ``async with job.unit_of_work() as ctx``) and returns a one-line summary. It must be
    idempotent and work in bounded batches; the runner holds the job's lock, so two hosts
    never run the same job at once.
    """

    name: str
    description: str | LazyString
    run: JobRunner


class Permission(msgspec.Struct, frozen=True):
    """An action a plugin guards, and the roles allowed it.

    ``action`` is prefixed with the plugin's name (``complaints.resolve``); ``roles`` come
    from :data:`core.principal.ROLES`. The core refuses to start when two plugins define the
    same action or name a role that does not exist.
    """

    action: str
    roles: tuple[str, ...]
    description: str = ""


class SettingsSchema(msgspec.Struct, frozen=True):
    """The per-unit settings a plugin accepts: a msgspec Struct type whose defaults apply
    where no unit on the path sets a value."""

    plugin: str
    struct: type[msgspec.Struct]


def deferred(target: str) -> Callable[[Any, str], Any]:
    """A console factory for the widget ``"package.module:Name"``, built as ``Name(api, unit)``.

    The module (and so Textual) is imported only when the console builds the widget: the API
    server collects the same registrations and must never load the console. Use it for
    :class:`ConsoleScreen` and :class:`ConsolePanel` factories::

        ConsoleScreen(key="acme_lounge.visits", title="贵宾厅到访", factory=deferred("acme_lounge.screens:VisitsScreen"))
    """
    module, _, name = target.partition(":")
    if not module or not name:
        raise ValueError(f"deferred() takes 'package.module:Name', not {target!r}")

    def build(api: Any, unit: str) -> Any:
        return getattr(importlib.import_module(module), name)(api, unit)

    return build


class ConsoleScreen(msgspec.Struct, frozen=True):
    """A screen a plugin adds to the admin console; ``factory(api, unit)`` builds the Textual
    screen for a unit (its code) where the plugin is on (make it with :func:`deferred`). ``plugin`` is filled in by the
    console with the contributing plugin's name."""

    key: str
    title: str
    factory: Callable[..., Any]
    plugin: str = ""


class ConsolePanel(msgspec.Struct, frozen=True):
    """A panel a plugin adds to the console's dashboard (complaints in breach, perk
    utilisation); ``factory(api, unit)`` builds the Textual widget for a unit where the
    plugin is on (make it with :func:`deferred`). ``plugin`` is filled in by the console."""

    key: str
    title: str
    factory: Callable[..., Any]
    plugin: str = ""


class ClientAction(msgspec.Struct, frozen=True):
    """Something a plugin lets staff do for one client from the console's 360° view (redeem
    a perk, take a complaint). ``factory(api, client_id)`` builds the Textual dialog that does
    it through the plugin's API and dismisses with what it did, a sentence for a person (or
    ``None`` when cancelled); make it with :func:`deferred`. The view offers it only when the
    client's 360° view has the plugin's section, i.e. where the plugin is on. ``plugin`` is
    filled in by the console."""

    key: str
    title: str
    factory: Callable[..., Any]
    plugin: str = ""


ViewFieldKind = Literal["text", "number", "money", "date", "time"]
"""How a person reads a :class:`ViewField`'s value: as it is, a count (``1,234``), yuan
(``¥1,234.50``), a China date (``2026年12月4日``) or a China date-time (``2026-12-04 18:30``)."""


class ViewField(msgspec.Struct, frozen=True):
    """One labelled value of a client 360° view section, in the viewer's language.

    ``label`` is the plugin's own text, translated when the hook runs (the request's
    language). ``value`` is the datum itself (a ``Decimal`` amount, an aware ``datetime``,
    a ``date``, a count, a short text, ``None`` for none); ``kind`` says how it is shown, so
    the API answers both the datum (for scripts) and its text (for people)."""

    label: str
    value: Any
    kind: ViewFieldKind = "text"


class ViewSection(msgspec.Struct, frozen=True):
    """A section of the client 360° view contributed by a plugin.

    ``fields`` are what a person reads, labelled and in order; ``data`` is the machine
    datum (any msgspec Struct or JSON-compatible value) the API passes on as it is. A
    section without ``fields`` (written before they existed) is shown from ``data``'s top
    level, each key its own label. ``plugin`` is filled in by the core."""

    key: str
    title: str
    data: Any = None
    plugin: str = ""
    fields: tuple[ViewField, ...] = ()


class OutboxMessage(msgspec.Struct, frozen=True):
    """A message leaving the process, as the delivery hook receives it.

    ``key`` is stable across retries so a receiver can drop repeats.
    """

    key: str
    topic: str
    payload: dict[str, Any]
    attempt: int
    created_at: dt.datetime
    unit_code: str | None = None


DeliveryResult = Literal["delivered", "retry", "failed"]


class DeliveryChannel(msgspec.Struct, frozen=True):
    """Delivers outbox messages whose topic starts with one of ``topics`` ("" matches all).

    The longest matching prefix wins, so the core's default log channel ("") only takes
    what no plugin claims. ``deliver`` runs after commit, outside any transaction, and
    returns ``"delivered"``, ``"retry"`` (try again later, with backoff) or ``"failed"``
    (give up now); an exception counts as ``"retry"``.
    """

    name: str
    topics: tuple[str, ...]
    deliver: Callable[[OutboxMessage], Awaitable[DeliveryResult]]
