"""Imports run one way: the API server and the CLI's other commands never load the console
(or Textual), and the console never reaches past the API into the core's services, models
or database."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import console

CONSOLE = Path(console.__file__).parent
FORBIDDEN = ("core.services", "core.models", "core.db", "sqlalchemy")


def test_the_api_app_and_the_cli_load_without_the_console() -> None:
    probe = (
        "import sys; import core.api.app, core.cli, core.plugins; core.api.app.create_app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'console', 'textual', 'textual_plotext'}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_console_imports_nothing_behind_the_api() -> None:
    offenders = []
    for path in CONSOLE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.relative_to(CONSOLE)}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []
