"""The programme's console screens are reached only through the factories its hooks hand the
console: building the API app with the plugin installed, and collecting those factories,
loads neither the screens nor Textual."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys, tempfile
from pathlib import Path
from core.api.app import create_app
from core.config import Settings
from core.plugins import PluginRuntime, create_plugin_manager
runtime = PluginRuntime(create_plugin_manager())
screens = dict(runtime.collect_flat("register_console_screens"))
create_app(Settings(data_dir=Path(tempfile.mkdtemp()), database_url="sqlite+aiosqlite:///:memory:"))
loaded = sorted({m.split('.')[0] for m in sys.modules} & {"console", "textual"})
print(loaded, "plugins.vip_benefits.screens" in sys.modules, callable(screens["vip_benefits"].factory))
"""


def test_the_app_and_the_hooks_load_without_textual() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] False True"
