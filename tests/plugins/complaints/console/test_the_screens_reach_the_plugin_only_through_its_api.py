"""The complaints screens are a client of the plugin's API like the rest of the console: they
import the console, the plugin's body types and its pure rules (the lifecycle, its words),
never its services, models or the database, so what a console user does goes through the
routes' permissions, scope, enablement and audit. And the API server never imports them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import plugins.complaints.screens as screens

SCREENS = Path(screens.__file__).parent
ALLOWED = (
    "plugins.complaints.screens",
    "plugins.complaints.schemas",
    "plugins.complaints.lifecycle",
    "plugins.complaints.i18n",
    "plugins.complaints.terms",
)
"""The screens' own package, the body types, the lifecycle's rules, and the plugin's words:
its translator and what its codes are called."""


def test_the_screens_import_nothing_behind_the_api() -> None:
    offenders = []
    for path in SCREENS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.startswith(("core.services", "core.models", "core.db", "sqlalchemy"))
                or (n.startswith("plugins.") and not n.startswith(ALLOWED))
            ]
    assert offenders == []


def test_the_api_server_loads_the_plugin_without_its_screens() -> None:
    probe = (
        "import sys, core.api.app, plugins.complaints; core.api.app.create_app; "
        "print(sorted(m for m in sys.modules if m.startswith(('plugins.complaints.screens', 'textual'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
