"""The Touchstone plugin SDK: everything a plugin may import from the core.

A plugin imports from here (and, for its console screens, from :mod:`console.sdk`) and from
its own package, nothing else; every other module of ``core`` is private and may change in
any release. The names below follow semantic versioning of the ``touchstone`` distribution:
a name is only removed or changed after a minor release in which it warns and names its
replacement. Each is documented in ``docs/sdk.md``.
"""

from core.api.auth import requires
from core.api.declared import PUBLIC
from core.api.deps import Ctx
from core.api.enablement import AT_RECORD
from core.api.export import exportable
from core.api.idempotency import IdempotencyKey, RequiredIdempotencyKey, idempotent
from core.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from core.chinatime import (
    CHINA_TZ,
    china_date,
    china_day,
    china_midnight,
    china_quarter,
    china_time,
    end_of_china_day,
    report_window,
)
from core.clock import Clock, FrozenClock
from core.context import HookContext, JobContext
from core.db.base import Base, JSONDocument, Money, UTCDateTime, json_ready, new_public_id
from core.db.upsert import upsert
from core.demo.people import mobile as demo_mobile
from core.demo.people import person as demo_person
from core.deprecation import TouchstoneDeprecationWarning
from core.deprecation import sdk_getattr as __getattr__  # noqa: F401  (serves deprecated names, PEP 562)
from core.errors import (
    Conflict,
    FieldProblem,
    Forbidden,
    NotFound,
    OutOfScope,
    PluginDisabled,
    PluginRefused,
    TouchstoneError,
    TransitionNotAllowed,
    require_reason,
    validation_field,
)
from core.hookspecs import hookimpl, hookspec
from core.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    LazyString,
    Translator,
    current_language,
    language,
    named,
    negotiate,
)
from core.migrate import run_env
from core.models import Client, OrgUnit, Staff
from core.models.org import UNIT_LEVELS
from core.money import FEN, from_fen, round_fen, to_fen, yuan
from core.plugins import OrgSnapshot
from core.principal import ROLES, Principal
from core.services.compliance import PeriodKind, bucket, period_starts, report_units, subtree_ids
from core.services.events import Accepted, EventIn, Measurements, Rejected, Scalar
from core.services.outbox import QueuedMessage
from core.services.scope import in_subtree
from core.types import (
    ClientAction,
    ClientKind,
    ClientSnapshot,
    ClientState,
    ConsolePanel,
    ConsoleScreen,
    ControlKind,
    ControlOutcome,
    ControlResult,
    DeliveryChannel,
    DeliveryResult,
    FieldChange,
    FiniteDecimal,
    Job,
    MeasurementSpec,
    MigrationsLocation,
    Moment,
    NonconformityRecord,
    OutboxMessage,
    Period,
    Permission,
    ScoreComponent,
    ServiceEventRecord,
    SettingsSchema,
    StaffSnapshot,
    TierThresholds,
    TouchpointSpec,
    UnitLevel,
    UnitRef,
    ViewField,
    ViewSection,
    deferred,
)

__all__ = [
    "AT_RECORD",
    "CHINA_TZ",
    "DEFAULT_LANGUAGE",
    "DEFAULT_LIMIT",
    "FEN",
    "LANGUAGES",
    "MAX_LIMIT",
    "N_",
    "PUBLIC",
    "ROLES",
    "UNIT_LEVELS",
    "Accepted",
    "Base",
    "Client",
    "ClientAction",
    "ClientKind",
    "ClientSnapshot",
    "ClientState",
    "Clock",
    "Conflict",
    "ConsolePanel",
    "ConsoleScreen",
    "ControlKind",
    "ControlOutcome",
    "ControlResult",
    "Ctx",
    "DeliveryChannel",
    "DeliveryResult",
    "EventIn",
    "FieldChange",
    "FieldProblem",
    "FiniteDecimal",
    "Forbidden",
    "FrozenClock",
    "HookContext",
    "IdempotencyKey",
    "JSONDocument",
    "Job",
    "JobContext",
    "LazyString",
    "MeasurementSpec",
    "Measurements",
    "MigrationsLocation",
    "Moment",
    "Money",
    "NonconformityRecord",
    "NotFound",
    "OrgSnapshot",
    "OrgUnit",
    "OutOfScope",
    "OutboxMessage",
    "Period",
    "PeriodKind",
    "Permission",
    "PluginDisabled",
    "PluginRefused",
    "Principal",
    "QueuedMessage",
    "Rejected",
    "RequiredIdempotencyKey",
    "Scalar",
    "ScoreComponent",
    "ServiceEventRecord",
    "SettingsSchema",
    "Staff",
    "StaffSnapshot",
    "TierThresholds",
    "TouchpointSpec",
    "TouchstoneDeprecationWarning",
    "TouchstoneError",
    "TransitionNotAllowed",
    "Translator",
    "UTCDateTime",
    "UnitLevel",
    "UnitRef",
    "ViewField",
    "ViewSection",
    "bucket",
    "china_date",
    "china_day",
    "china_midnight",
    "china_quarter",
    "china_time",
    "current_language",
    "deferred",
    "demo_mobile",
    "demo_person",
    "end_of_china_day",
    "exportable",
    "from_fen",
    "hookimpl",
    "hookspec",
    "idempotent",
    "in_subtree",
    "json_ready",
    "language",
    "named",
    "negotiate",
    "new_public_id",
    "page",
    "period_starts",
    "report_units",
    "report_window",
    "require_reason",
    "requires",
    "round_fen",
    "run_env",
    "subtree_ids",
    "to_fen",
    "upsert",
    "validation_field",
    "yuan",
]
