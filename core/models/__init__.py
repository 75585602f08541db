"""The core's tables. Importing this package registers them on ``Base.metadata``."""

from core.models.audit import AuditEntry
from core.models.auth import ApiToken, ServiceAccount
from core.models.clients import Client, ClientHistory
from core.models.events import Nonconformity, ServiceEvent
from core.models.idempotency import IdempotencyRecord
from core.models.jobs import JobRun
from core.models.org import OrgUnit, OrgUnitMove, Staff
from core.models.outbox import OutboxRow
from core.models.plugins import CacheGeneration, PluginEnablement, PluginSetting
from core.models.scoring import ScorecardEntry
from core.models.standards import PilotUnit, StandardVersion, Touchpoint

__all__ = [
    "ApiToken",
    "AuditEntry",
    "CacheGeneration",
    "Client",
    "ClientHistory",
    "IdempotencyRecord",
    "JobRun",
    "Nonconformity",
    "OrgUnit",
    "OrgUnitMove",
    "OutboxRow",
    "PilotUnit",
    "PluginEnablement",
    "PluginSetting",
    "ScorecardEntry",
    "ServiceAccount",
    "ServiceEvent",
    "Staff",
    "StandardVersion",
    "Touchpoint",
]

CORE_TABLES = frozenset(
    table.name
    for table in (
        m.__table__
        for m in (  # type: ignore[attr-defined]
            ApiToken,
            AuditEntry,
            CacheGeneration,
            Client,
            ClientHistory,
            IdempotencyRecord,
            JobRun,
            Nonconformity,
            OrgUnit,
            OrgUnitMove,
            OutboxRow,
            PilotUnit,
            PluginEnablement,
            PluginSetting,
            ScorecardEntry,
            ServiceAccount,
            ServiceEvent,
            Staff,
            StandardVersion,
            Touchpoint,
        )
    )
)
