"""docs/hooks.md documents every hook with its exact signature (as Datasette checks its docs)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from core import hookspecs

DOCS = Path(__file__).parents[3] / "docs" / "hooks.md"
HEADING = re.compile(r"^## `(\w+)\(([^)]*)\)`$", re.MULTILINE)


def specs() -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(fn).parameters)
        for name, fn in vars(hookspecs).items()
        if inspect.isfunction(fn) and hasattr(fn, f"{hookspecs.PROJECT}_spec")
    }


def documented() -> dict[str, list[str]]:
    return {name: [a.strip() for a in args.split(",") if a.strip()] for name, args in HEADING.findall(DOCS.read_text())}


@pytest.mark.parametrize("hook", sorted(specs()))
def test_each_hook_is_documented_with_its_exact_signature(hook: str) -> None:
    assert documented().get(hook) == specs()[hook], f"docs/hooks.md needs '## `{hook}({', '.join(specs()[hook])})`'"


def test_the_docs_name_no_hook_that_does_not_exist() -> None:
    assert set(documented()) <= set(specs())


def test_every_argument_is_explained_in_its_section() -> None:
    text = DOCS.read_text()
    for hook, args in specs().items():
        section = text.split(f"## `{hook}(", 1)[1].split("\n## ", 1)[0]
        for arg in args:
            assert f"- `{arg}`" in section, f"{hook}: argument '{arg}' is not explained"
