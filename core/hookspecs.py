"""Hook specifications: the plugin author's reference.

A Touchstone plugin is a module (or object) with functions marked ``@hookimpl`` whose names
and parameters match the specifications below. A plugin implements only the hooks it needs
and may accept a subset of a hook's parameters, in any order (pluggy passes by name).

Two kinds of hook:

* **Registration hooks** (``register_*``, and ``decide_client_tier``) are synchronous, do no
  I/O and reach every installed plugin. The core calls them once at start-up (or per client
  for the tier decision).
* **Event hooks** (``client_*``, ``service_event_recorded``, ``nonconformity_raised``,
  ``*_score_components``, ``client_view_sections``) fire for something that happens at an
  organisation unit and reach only the plugins **enabled at that unit**. They may be ``async
  def``; the core awaits what they return. They run inside the unit of work that triggered
  them: what ``ctx.session`` writes commits or rolls back with the change. Nothing may leave
  the process from inside a hook: queue it with ``await ctx.enqueue(...)`` instead.

Every event hook receives ``ctx`` (:class:`core.sdk.HookContext`): the session, the
clock, the acting principal and the unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from core.context import HookContext
    from core.types import (
        ClientAction,
        ClientSnapshot,
        ConsolePanel,
        ConsoleScreen,
        ControlKind,
        ControlResult,
        DeliveryChannel,
        FieldChange,
        Job,
        MigrationsLocation,
        NonconformityRecord,
        Period,
        Permission,
        ScoreComponent,
        ServiceEventRecord,
        SettingsSchema,
        StaffSnapshot,
        TierThresholds,
        TouchpointSpec,
        UnitRef,
        ViewSection,
    )

PROJECT = "touchstone"
CORE_PLUGIN = "core"  # the name the core's own hook implementations (core.defaults) are registered under
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# ---------------------------------------------------------------------------------------
# Client lifecycle
# ---------------------------------------------------------------------------------------


@hookspec
def client_created(client: ClientSnapshot, reason: str, ctx: HookContext) -> None:
    """Called after a new client is added, inside the same unit of work.

    :param client: the client as stored, personal data included.
    :param reason: why the client was created, as the principal gave it.
    :param ctx: the unit of work; ``ctx.unit`` is the client's unit.
    :returns: nothing; return values are ignored.

    May be async. Reaches only plugins enabled at the client's unit.
    Implementations should add their own per-client rows here (a welcome task, a balance).
    """


@hookspec
def client_updated(client: ClientSnapshot, changes: list[FieldChange], reason: str, ctx: HookContext) -> None:
    """Called after fields of a client record changed (profile, segment attributes, state).

    :param client: the client after the change.
    :param changes: one :class:`~core.sdk.FieldChange` per field, with before and after.
    :param reason: the reason the principal gave; every client change carries one.
    :param ctx: the unit of work.
    :returns: nothing.

    May be async. Not called for tier and manager changes, which have hooks of their own.
    Implementations should react to the fields they care about and ignore the rest.
    """


@hookspec
def client_tier_changed(
    client: ClientSnapshot, old_tier: str | None, new_tier: str, reason: str, ctx: HookContext
) -> None:
    """Called when a client moves to another tier (re-tiering job or a manual change).

    :param client: the client with its new tier.
    :param old_tier: the tier before (``None`` for a client's first tier).
    :param new_tier: the tier now.
    :param reason: why (``"re-tiering"`` for the job).
    :param ctx: the unit of work.
    :returns: nothing.

    May be async. Fires only for clients that actually moved.
    Implementations should grant or withdraw what the tier entitles (perks, service levels).
    """


@hookspec
def client_manager_changed(
    client: ClientSnapshot,
    old_manager: StaffSnapshot | None,
    new_manager: StaffSnapshot | None,
    reason: str,
    ctx: HookContext,
) -> None:
    """Called when a client's exclusive customer manager changes.

    :param client: the client after the change.
    :param old_manager: the previous manager, or ``None``.
    :param new_manager: the new manager, or ``None`` when the client is left without one.
    :param reason: why.
    :param ctx: the unit of work.
    :returns: nothing.

    May be async. The core itself queues the notice telling the client who the new manager
    is; implementations should not send a second one, only add what their feature needs.
    """


@hookspec
def client_archived(client: ClientSnapshot, reason: str, ctx: HookContext) -> None:
    """Called when a client is archived (the first step of deletion; it can be restored).

    :param client: the client, now in state ``archived``.
    :param reason: why.
    :param ctx: the unit of work.
    :returns: nothing.

    May be async. Implementations should stop active work for the client (cancel bookings)
    but keep its data: the archive can be undone until the purge.
    """


@hookspec
def client_purged(client: ClientSnapshot, ctx: HookContext) -> None:
    """Called when the purge job deletes an archived client's personal data for good.

    :param client: the client as it was just before the purge (personal data still there,
        so a plugin can find what it holds about them).
    :param ctx: the unit of work of the purge; the principal is the system.
    :returns: nothing.

    May be async. Unlike the other event hooks it reaches every installed plugin, enabled
    at the client's unit or not: a plugin switched off since may still hold their data. Implementations must delete or anonymise every piece of the client's
    personal data they store; statistics without personal data may stay. Outbox messages
    queued with ``ctx.enqueue(..., client=client.id)`` are wiped by the core itself.
    """


# ---------------------------------------------------------------------------------------
# Touchpoints
# ---------------------------------------------------------------------------------------


@hookspec
def register_touchpoints() -> list[TouchpointSpec]:
    """Called at start-up to collect touchpoints plugins add to the catalogue.

    :returns: a list of :class:`~core.sdk.TouchpointSpec` (code, name, channel,
        description); codes must be unique across plugins.

    Synchronous, no I/O. Implementations should prefix codes with the plugin name
    (``complaints.intake``) so they never collide with a bank's own codes.
    """


@hookspec
def register_control_kinds() -> list[ControlKind]:
    """Called at start-up to collect kinds of control a standard may use.

    :returns: a list of :class:`~core.sdk.ControlKind`, each with a ``validate`` for the
        control's definition, a ``measurement`` declaring what a control of the kind reads
        (a :class:`~core.sdk.MeasurementSpec`: type, range or possible values; ``None``
        for a kind judged per period) and an ``evaluate`` for one event's measurements.

    Synchronous, no I/O. The core's own kinds (numeric comparison, boolean, one-of,
    frequency by tier) come through this hook too; a plugin's kind of the same name
    replaces the core's. The core compiles each version's declarations once, with the
    standard, and refuses an event whose measurement breaks them, or that no control reads,
    with a 422 naming the key, before ``evaluate`` sees it. Implementations should declare
    ``measurement`` (without it only the general rules hold) and keep all three pure and fast.
    """


@hookspec
def service_event_recorded(event: ServiceEventRecord, evaluation: list[ControlResult], ctx: HookContext) -> None:
    """Called after a service event is stored and evaluated against its standard.

    :param event: the stored event (touchpoint, unit, staff, client, time, measurements).
    :param evaluation: the verdict per control, with measured value and threshold.
    :param ctx: the unit of work; ``ctx.unit`` is the event's unit.
    :returns: nothing.

    May be async. Reaches only plugins enabled at the event's unit; for a batch it is
    called once per accepted event. Implementations should be cheap: this is the hot path.
    """


@hookspec
def nonconformity_raised(nonconformity: NonconformityRecord, ctx: HookContext) -> None:
    """Called when a failed control opens a nonconformity.

    :param nonconformity: the new nonconformity (event, control, measured, threshold).
    :param ctx: the unit of work; ``ctx.unit`` is where it happened.
    :returns: nothing.

    May be async. Implementations should open their own follow-up (a task, a notice queued
    with ``ctx.enqueue``) rather than change the nonconformity itself.
    """


# ---------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------


@hookspec
def client_score_components(client: ClientSnapshot, ctx: HookContext) -> list[ScoreComponent]:
    """Called when a client's value score is computed.

    :param client: the client being scored.
    :param ctx: the unit of work.
    :returns: a list of :class:`~core.sdk.ScoreComponent` (may be empty); the score is the
        sum of every component's ``points``, each shown with its weight.

    May be async. The core's default contributes assets under management and deposits.
    """


@hookspec
def staff_score_components(staff: StaffSnapshot, period: Period, ctx: HookContext) -> list[ScoreComponent]:
    """Called when a staff member's service-quality score for ``period`` is computed.

    :param staff: the member of staff.
    :param period: the half-open period scored.
    :param ctx: the unit of work; ``ctx.unit`` is the staff member's unit.
    :returns: a list of :class:`~core.sdk.ScoreComponent`.

    May be async. Implementations should contribute what their feature measures
    (justified complaints, survey results) with a visible weight.
    """


@hookspec
def unit_score_components(unit: UnitRef, period: Period, ctx: HookContext) -> list[ScoreComponent]:
    """Called when an organisation unit's service-quality score for ``period`` is computed.

    :param unit: the unit scored (figures cover its subtree).
    :param period: the half-open period scored.
    :param ctx: the unit of work.
    :returns: a list of :class:`~core.sdk.ScoreComponent`.

    May be async. Implementations should roll their figures up the unit's subtree.
    """


@hookspec(firstresult=True)
def decide_client_tier(
    client: ClientSnapshot, components: list[ScoreComponent], thresholds: TierThresholds
) -> str | None:
    """Called to decide a client's tier from their score components.

    :param client: the client.
    :param components: the client's value components from ``client_score_components``.
    :param thresholds: the configured tier thresholds (lowest assets per tier).
    :returns: the tier name, or ``None`` to let the next implementation decide.

    Stops at the first non-None result. Synchronous, no I/O (an ``async def`` would always
    count as an answer). The core's default, which runs last, applies the thresholds to
    assets under management; implementations should return ``None`` for clients they do
    not have an opinion on.
    """


# ---------------------------------------------------------------------------------------
# Extension
# ---------------------------------------------------------------------------------------


@hookspec
def register_hookspecs() -> list[Any]:
    """Called while the plugin manager is built to collect hook specifications a plugin
    publishes for other plugins to implement (as pytest plugins add hooks).

    :returns: a list of modules or classes whose functions are marked with
        ``core.hookspecs.hookspec`` (``hookspec = pluggy.HookspecMarker("touchstone")``).

    Synchronous, no I/O. Published hooks are called by the publishing plugin with
    ``ctx.plugins.call(...)`` like the core's, so they reach only plugins enabled at the unit.
    Implementations should prefix hook names with the plugin's name
    (``complaints_work_order_closed``) and document each as the core documents its own;
    plugins never import each other, they meet through these hooks.
    """


@hookspec
def register_routes() -> list[Any]:
    """Called when the app is built to collect the plugin's HTTP routes.

    :returns: a list of Litestar route handlers, controllers or routers; the core mounts
        them under ``/api/v1/plugins/<plugin name>`` behind the enablement guard, so a unit
        where the plugin is off gets a 404 problem document naming the plugin.

    Synchronous, no I/O. Every route must declare who may call it: a permission
    (``guards=[requires("...")]`` from :mod:`core.sdk`, on the handler or a controller or
    router above it) or ``opt={"public": True}`` for a page meant for people without a token;
    the app refuses to start with a route that does neither, naming the plugin and the route.
    """


@hookspec
def register_permissions() -> list[Permission]:
    """Called when the app is built to collect the actions a plugin's routes guard.

    :returns: a list of :class:`~core.sdk.Permission` (action, roles allowed, description).
        Actions are prefixed with the plugin's name (``complaints.resolve``); roles are
        those of :data:`core.principal.ROLES`.

    Synchronous, no I/O. Guard a route with ``requires("complaints.resolve")`` and check in
    code with ``ctx.principal.can("complaints.resolve")``; an action nobody registered is
    allowed to nobody. Implementations should grant the narrowest roles that need the
    action, and name the core's own actions (``clients.read``…) where those fit.
    """


@hookspec
def register_migrations() -> MigrationsLocation | None:
    """Called by ``touchstone migrate`` and at start-up to find the plugin's Alembic revisions.

    :returns: a :class:`~core.sdk.MigrationsLocation` (owner, folder, table prefix), or
        ``None`` for a plugin without tables.

    Synchronous, no I/O. Each owner has its own version table
    (``<owner>_alembic_version``), so installing or removing a plugin never leaves a foreign
    revision behind. The folder's ``env.py`` is one line:
    ``from core.sdk import run_env; run_env()``.
    """


@hookspec
def register_console_screens() -> list[ConsoleScreen]:
    """Called when the admin console starts to collect the plugin's screens.

    :returns: a list of :class:`~core.sdk.ConsoleScreen`; the console shows them only for
        units where the plugin is enabled, and builds one with ``factory(api, unit)``: the
        console's API client (:class:`console.api.ApiClient`) and the code of the unit.

    Synchronous, no I/O. Make ``factory`` with :func:`core.sdk.deferred`
    (``deferred("your_plugin.screens:QueueScreen")``) so Textual is imported by the console
    only, never by the API server; load data only through ``api`` (the plugin's own routes
    under ``/plugins/<name>``), never from the database.
    """


@hookspec
def register_console_panels() -> list[ConsolePanel]:
    """Called when the admin console starts to collect the plugin's dashboard panels.

    :returns: a list of :class:`~core.sdk.ConsolePanel`; the dashboard shows a panel below
        the core's figures for units where its plugin is enabled, built with
        ``factory(api, unit)`` like a screen; the widget fetches its own figures.

    Synchronous, no I/O. Implementations should keep a panel to a few lines (the figure a
    person checks daily, e.g. complaints in breach of their deadline) and put the detail on a
    screen; make ``factory`` with :func:`core.sdk.deferred` as for a screen.
    """


@hookspec
def register_console_client_actions() -> list[ClientAction]:
    """Called when the admin console starts to collect what the plugin lets staff do for a
    client from the 360° view.

    :returns: a list of :class:`~core.sdk.ClientAction`; the view offers an action (key
        ``a``) when the client's view has the plugin's section, and builds its dialog with
        ``factory(api, client_id)``; the dialog dismisses with a sentence saying what was
        done (shown to the person, and the view reloads) or ``None``.

    Synchronous, no I/O. Make ``factory`` with :func:`core.sdk.deferred`, as for a screen.
    """


@hookspec
def register_jobs() -> list[Job]:
    """Called by ``touchstone jobs`` to collect background jobs.

    :returns: a list of :class:`~core.sdk.Job`; names are unique across plugins and are
        what operators type (``touchstone jobs run complaints-sla``).

    Synchronous, no I/O. Jobs must be idempotent and work in bounded batches; the runner
    takes the job's lock so several hosts can start it safely.
    """


@hookspec
def register_commands() -> list[click.Command]:
    """Called when the ``touchstone`` command line starts to collect the plugin's commands.

    :returns: a list of :class:`click.Command` (or :class:`click.Group`), each mounted under
        ``touchstone`` by its name (``touchstone acme-lounge report``).

    Synchronous, no I/O; the commands themselves do their work when run. A name the core's
    commands or another plugin's already have is refused (rule ``clash`` of
    ``touchstone plugin check``). Implementations should return one group named after the
    plugin (``acme-lounge``) holding its subcommands, and open the database through the
    plugin's own services, never the core's internals.
    """


@hookspec
def register_settings_schema() -> SettingsSchema | None:
    """Called at start-up to learn the per-unit settings the plugin accepts.

    :returns: a :class:`~core.sdk.SettingsSchema` naming a msgspec Struct whose fields
        all have defaults, or ``None``.

    Synchronous, no I/O. Administrators set values per unit through the API; a unit
    inherits every value it does not set from the nearest ancestor that does.
    """


@hookspec
def register_delivery_channels() -> list[DeliveryChannel]:
    """Called by the outbox job to collect the channels that deliver queued messages.

    :returns: a list of :class:`~core.sdk.DeliveryChannel`, each claiming topic
        prefixes; the longest matching prefix wins.

    Synchronous, no I/O (delivery itself happens in the channel's async ``deliver``).
    The core's default channel claims every topic and writes the message to the log.
    """


@hookspec
def load_demo_data(ctx: HookContext) -> str | None:
    """Called by ``touchstone demo`` (and ``serve --demo``, ``console --embedded``) after the
    core's demo network and service history are loaded, so a newcomer sees the plugin at work.

    :param ctx: one unit of work as the system principal at the head office; the demo's units
        (``BJ``, ``BJ-CY``, ``BJ-CY-01``…) are in the tree (``ctx.plugins.snapshot``).
    :returns: a one-line summary of what the plugin added, printed after the core's, or ``None``.

    May be async. Reaches every installed plugin, since each is off until switched on.
    Implementations should switch themselves on where the demo's story needs them
    (``ctx.set_plugin_enabled`` with a reason) and add a small, realistic, seeded sample
    through their own services, so the rules and the audit apply as they would for a person.
    """


@hookspec
def client_view_sections(client: ClientSnapshot, ctx: HookContext) -> list[ViewSection]:
    """Called when the client 360° view is assembled.

    :param client: the client viewed.
    :param ctx: the unit of work (read-only); ``ctx.principal`` is the viewer.
    :returns: a list of :class:`~core.sdk.ViewSection` to append to the view.

    May be async. Reaches only plugins enabled at the client's unit. Implementations must
    mask personal data the viewer's role does not need (``ctx.principal.can(...)``).
    """
