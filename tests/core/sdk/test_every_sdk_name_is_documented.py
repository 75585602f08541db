"""docs/sdk.md has a section for every public SDK name, and names nothing the SDK does not export.

Each name in ``core.sdk.__all__`` and ``console.sdk.__all__`` is headed ``### `name` ``; the
context's members are headed ``#### `ctx.member…` `` and ``#### `job.member…` ``. Deprecated
names have no heading, only a row in the "Deprecated names" table.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import console.sdk
import core.sdk

DOCS = Path(__file__).parents[3] / "docs" / "sdk.md"
NAME_HEADING = re.compile(r"^### `([A-Za-z_][A-Za-z0-9_]*)`[ \t]*$", re.MULTILINE)
ANY_LEVEL_3 = re.compile(r"^### (.*)$", re.MULTILINE)
MEMBER_HEADING = re.compile(r"^#### `(ctx|job)\.([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
DEPRECATED_SECTION = re.compile(r"^## Deprecated names[ \t]*$(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
TABLE_ROW_NAME = re.compile(r"^\|\s*`([A-Za-z_][A-Za-z0-9_]*)`", re.MULTILINE)


def text() -> str:
    return DOCS.read_text(encoding="utf-8")


def exported() -> set[str]:
    return set(core.sdk.__all__) | set(console.sdk.__all__)


def headed() -> list[str]:
    return NAME_HEADING.findall(text())


def deprecated() -> set[str]:
    section = DEPRECATED_SECTION.search(text())
    return set(TABLE_ROW_NAME.findall(section.group(1))) if section else set()


def public_members(cls: type) -> set[str]:
    """Methods and properties, and the attributes ``__init__`` stores under its parameters' names."""
    members = {name for name in vars(cls) if not name.startswith("_")}
    parameters = set(inspect.signature(cls.__init__).parameters) - {"self"}
    return members | parameters


def test_every_exported_name_has_its_heading() -> None:
    for module in (core.sdk, console.sdk):
        missing = sorted(set(module.__all__) - set(headed()))
        assert not missing, f"docs/sdk.md lacks a '### `name`' section for {module.__name__}: {', '.join(missing)}"


def test_no_heading_names_something_the_sdk_does_not_export() -> None:
    unknown = sorted(set(headed()) - exported() - deprecated())
    assert not unknown, f"docs/sdk.md has sections for names in neither __all__: {', '.join(unknown)}"


def test_every_level_three_heading_is_a_name_in_backticks() -> None:
    odd = [h for h in ANY_LEVEL_3.findall(text()) if not NAME_HEADING.match(f"### {h}")]
    assert not odd, f"level-3 headings are reserved for '### `name`': {odd}"


def test_each_name_is_documented_once() -> None:
    names = headed()
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"documented more than once: {', '.join(twice)}"


def test_deprecated_names_have_a_table_row_and_no_section() -> None:
    assert DEPRECATED_SECTION.search(text()), "docs/sdk.md needs its '## Deprecated names' section"
    sectioned = sorted(deprecated() & set(headed()))
    assert not sectioned, f"deprecated names get a table row, not a section: {', '.join(sectioned)}"
    exported_still = sorted(deprecated() & exported())
    assert not exported_still, f"deprecated names must leave __all__: {', '.join(exported_still)}"


def test_every_member_of_the_contexts_is_documented() -> None:
    documented = MEMBER_HEADING.findall(text())
    for prefix, cls in (("ctx", core.sdk.HookContext), ("job", core.sdk.JobContext)):
        have = {member for p, member in documented if p == prefix}
        missing = sorted(public_members(cls) - have)
        assert not missing, f"docs/sdk.md lacks '#### `{prefix}.member…`' for {cls.__name__}: {', '.join(missing)}"
        unknown = sorted(have - public_members(cls))
        assert not unknown, f"docs/sdk.md documents {cls.__name__} members that do not exist: {', '.join(unknown)}"
