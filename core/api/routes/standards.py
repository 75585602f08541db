"""Touchpoint and standard routes: the catalogue, versions, pilots, publishing, diffs."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get, post, put
from litestar.params import FromPath, JSONBody, QueryParameter

from core.api.auth import requires
from core.api.deps import Ctx
from core.api.export import exportable
from core.api.schemas.standards import (
    ControlChange,
    DraftIn,
    PilotIn,
    StepIn,
    TouchpointIn,
    TouchpointOut,
    VersionDiff,
    VersionOut,
)
from core.context import HookContext
from core.errors import FieldProblem
from core.i18n import _
from core.models import PilotUnit, StandardVersion, Touchpoint
from core.services import standards
from core.services.scope import unit_by_id
from core.services.standard_content import StandardContent


async def present(ctx: HookContext, v: StandardVersion, code: str | None = None) -> VersionOut:
    if code is None:
        code = (await ctx.session.get(Touchpoint, v.touchpoint_id)).code  # type: ignore[union-attr]
    unit_ids = (await ctx.session.execute(sa.select(PilotUnit.unit_id).where(PilotUnit.version_id == v.id))).scalars()
    return VersionOut(
        id=v.public_id,
        touchpoint=code,
        number=v.number,
        status=v.status,
        content=standards.content_of(v),
        pilot_units=[(await unit_by_id(ctx, u)).code for u in unit_ids],
        created_at=v.created_at,
        created_by=v.created_by,
        pilot_started_at=v.pilot_started_at,
        published_at=v.published_at,
        retired_at=v.retired_at,
    )


@exportable("touchpoints")
@get("/touchpoints", guards=[requires("standards.read")], summary="The touchpoint catalogue")
async def list_touchpoints(ctx: Ctx) -> list[TouchpointOut]:
    in_force: dict[int, dict[str, int]] = defaultdict(dict)
    for tp_id, status, number in await ctx.session.execute(
        sa.select(StandardVersion.touchpoint_id, StandardVersion.status, StandardVersion.number).where(
            StandardVersion.status.in_(("published", "pilot"))
        )
    ):
        in_force[tp_id][status] = number
    rows = (await ctx.session.execute(sa.select(Touchpoint).order_by(Touchpoint.code))).scalars()
    return [
        TouchpointOut(
            code=t.code,
            name=t.name,
            channel=t.channel,
            description=t.description,
            owner=t.owner,
            published_version=in_force[t.id].get("published"),
            pilot_version=in_force[t.id].get("pilot"),
        )
        for t in rows
    ]


@post("/touchpoints", guards=[requires("standards.write")], summary="Add a touchpoint to the catalogue")
async def create_touchpoint(ctx: Ctx, data: JSONBody[TouchpointIn]) -> TouchpointOut:
    t = await standards.create_touchpoint(
        ctx, code=data.code, name=data.name, channel=data.channel, description=data.description
    )
    return TouchpointOut(
        code=t.code,
        name=t.name,
        channel=t.channel,
        description=t.description,
        owner=t.owner,
        published_version=None,
        pilot_version=None,
    )


@exportable("standard-versions")
@get("/touchpoints/{code:str}/versions", guards=[requires("standards.read")], summary="Every version of a standard")
async def list_versions(ctx: Ctx, code: FromPath[str]) -> list[VersionOut]:
    tp = await standards.touchpoint(ctx, code)
    rows = (
        (
            await ctx.session.execute(
                sa.select(StandardVersion)
                .where(StandardVersion.touchpoint_id == tp.id)
                .order_by(StandardVersion.number)
            )
        )
        .scalars()
        .all()
    )
    return [await present(ctx, v, code) for v in rows]


@post(
    "/touchpoints/{code:str}/versions",
    guards=[requires("standards.write")],
    summary="Start a draft (a copy of the version in force unless content is given)",
)
async def create_draft(ctx: Ctx, code: FromPath[str], data: JSONBody[DraftIn]) -> VersionOut:
    return await present(ctx, await standards.create_draft(ctx, code, data.content), code)


@get("/standards/{version_id:str}", guards=[requires("standards.read")], summary="One standard version")
async def get_version(ctx: Ctx, version_id: FromPath[str]) -> VersionOut:
    return await present(ctx, await standards.version(ctx, version_id))


@put("/standards/{version_id:str}", guards=[requires("standards.write")], summary="Edit a draft")
async def update_draft(ctx: Ctx, version_id: FromPath[str], data: JSONBody[StandardContent]) -> VersionOut:
    return await present(ctx, await standards.update_draft(ctx, version_id, data))


@post(
    "/standards/{version_id:str}/pilot",
    guards=[requires("standards.write")],
    status_code=200,
    summary="Pilot a draft at chosen units (and their subtrees)",
)
async def pilot(ctx: Ctx, version_id: FromPath[str], data: JSONBody[PilotIn]) -> VersionOut:
    return await present(ctx, await standards.start_pilot(ctx, version_id, data.units, data.reason))


@post(
    "/standards/{version_id:str}/publish",
    guards=[requires("standards.write")],
    status_code=200,
    summary="Publish network-wide (retires the version published before)",
)
async def publish(ctx: Ctx, version_id: FromPath[str], data: JSONBody[StepIn]) -> VersionOut:
    return await present(ctx, await standards.publish(ctx, version_id, data.reason))


@post(
    "/standards/{version_id:str}/retire",
    guards=[requires("standards.write")],
    status_code=200,
    summary="Retire a version",
)
async def retire(ctx: Ctx, version_id: FromPath[str], data: JSONBody[StepIn]) -> VersionOut:
    return await present(ctx, await standards.retire(ctx, version_id, data.reason))


@get(
    "/standards/{version_id:str}/diff/{other_id:str}",
    guards=[requires("standards.read")],
    summary="What changed from one version to another",
)
async def diff(ctx: Ctx, version_id: FromPath[str], other_id: FromPath[str]) -> VersionDiff:
    a, b = await standards.version(ctx, version_id), await standards.version(ctx, other_id)
    before, after = msgspec.to_builtins(standards.content_of(a)), msgspec.to_builtins(standards.content_of(b))
    sections = [s for s in ("title", "outputs", "inputs", "note") if before[s] != after[s]]
    old = {c["key"]: c for c in before["controls"]}
    new = {c["key"]: c for c in after["controls"]}
    changes = [
        ControlChange(
            key=k,
            change="removed" if k not in new else "added" if k not in old else "changed",
            before=old.get(k),
            after=new.get(k),
        )
        for k in sorted(old.keys() | new.keys())
        if old.get(k) != new.get(k)
    ]
    return VersionDiff(from_version=a.number, to_version=b.number, sections=sections, controls=changes)


@get(
    "/touchpoints/{code:str}/standard.toml",
    guards=[requires("standards.read")],
    media_type="application/toml",
    summary="A version as a TOML file (default: the published one)",
)
async def export_standard(
    ctx: Ctx, code: FromPath[str], version: Annotated[int | None, QueryParameter(ge=1, le=2**31 - 1)] = None
) -> str:
    return await standards.export_toml(ctx, code, version)


@post(
    "/standards/import",
    guards=[requires("standards.write")],
    summary="Import a TOML file as a new draft (refused whole, naming the line, if it breaks a rule)",
)
async def import_standard(ctx: Ctx, request: Request[Any, Any, Any]) -> VersionOut:
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FieldProblem.one("file", _("must be UTF-8 text")) from exc
    return await present(ctx, await standards.import_toml(ctx, text))


HANDLERS = [
    export_standard,
    import_standard,
    list_touchpoints,
    create_touchpoint,
    list_versions,
    create_draft,
    get_version,
    update_draft,
    pilot,
    publish,
    retire,
    diff,
]
