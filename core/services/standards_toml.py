"""Standards as TOML files: one file per touchpoint, keys in a fixed order, so a bank can keep
its standards under version control and read a diff.

An import is checked whole before anything is written: TOML syntax, the shape of every
section, and every control against its kind's rules. Any problem refuses the whole file and
names the line it is on.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import msgspec
import tomli_w

from core.errors import FieldProblem, validation_field
from core.i18n import _
from core.services.standard_content import StandardContent, control_problems
from core.types import ControlKind

CONTROL_ORDER = ("key", "name", "kind", "metric", "comparator", "threshold", "unit", "severity", "params")


class TouchpointHeader(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    name: str
    channel: str
    description: str = ""


class StandardFile(msgspec.Struct, forbid_unknown_fields=True):
    touchpoint: TouchpointHeader
    standard: dict[str, Any]
    outputs: dict[str, Any] = msgspec.field(default_factory=dict)
    inputs: dict[str, Any] = msgspec.field(default_factory=dict)
    controls: list[dict[str, Any]] = msgspec.field(default_factory=list)


def dump(header: TouchpointHeader, content: StandardContent, version: int, status: str) -> str:
    """The TOML text of one version, keys always in the same order."""
    data = msgspec.to_builtins(content)
    document = {
        "touchpoint": {
            "code": header.code,
            "name": header.name,
            "channel": header.channel,
            "description": header.description,
        },
        "standard": {"title": data["title"], "version": version, "status": status, "note": data["note"]},
        "outputs": {k: data["outputs"][k] for k in ("scope", "procedure", "skills", "etiquette")},
        "inputs": {k: data["inputs"][k] for k in ("staff", "facilities", "supplies", "environment")},
        "controls": [{k: c[k] for k in CONTROL_ORDER if c.get(k) not in (None, {}, "")} for c in data["controls"]],
    }
    return tomli_w.dumps(document)


def line_of(text: str, field: str) -> int | None:
    """The line of ``field`` (``controls[1].threshold``, ``outputs.scope``) in ``text``."""
    lines = text.splitlines()
    parts = re.findall(r"(\w+)(?:\[(\d+)\])?", field)
    start, end = 0, len(lines)
    if not parts:
        return None
    table, index = parts[0]
    if index:
        headers = [i for i, line in enumerate(lines) if line.strip() == f"[[{table}]]"]
        if int(index) >= len(headers):
            return None
        start = headers[int(index)]
    elif len(parts) > 1:
        headers = [i for i, line in enumerate(lines) if line.strip() == f"[{table}]"]
        if not headers:
            return None
        start = headers[0]
    else:
        parts = [("standard", ""), *parts]
        headers = [i for i, line in enumerate(lines) if line.strip() == "[standard]"]
        start = headers[0] if headers else 0
    following = [i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")]
    end = following[0] if following else len(lines)
    key = parts[1][0] if len(parts) > 1 else None
    if key is None:
        return start + 1
    for i in range(start + 1, end):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start + 1


def _refuse(text: str, problems: list[tuple[str, str]]) -> FieldProblem:
    located = []
    for field, message in problems:
        line = line_of(text, field)
        located.append((field, _("line {line}: {rule}").format(line=line, rule=message) if line else message))
    return FieldProblem(located)


def load(text: str, kinds: dict[str, ControlKind]) -> tuple[TouchpointHeader, StandardContent]:
    """Parse and check one file; raises :class:`FieldProblem` naming field and line."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FieldProblem.one("file", _("not valid TOML: {error}").format(error=exc)) from exc
    try:
        parsed = msgspec.convert(raw, StandardFile)
        standard = {k: v for k, v in parsed.standard.items() if k not in ("version", "status")}
        content = msgspec.convert(
            {**standard, "outputs": parsed.outputs, "inputs": parsed.inputs, "controls": parsed.controls},
            StandardContent,
        )
    except msgspec.ValidationError as exc:
        path, message = validation_field(exc)
        raise _refuse(text, [(path or "file", message)]) from exc
    if problems := control_problems(content, kinds):
        raise _refuse(text, problems)
    return parsed.touchpoint, content
