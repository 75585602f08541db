"""CI runs ``touchstone plugin check`` over every installed plugin (the core's defaults, the
bundled plugins, the sample third-party one and the cake-shop example, installed as CI
installs it), every rule included: all conform."""

from __future__ import annotations

from click.testing import CliRunner

from core.cli import main
from core.plugins import entry_points


def test_plugin_check_passes_every_installed_plugin() -> None:
    installed = sorted({point.name for point in entry_points()})
    assert {"core", "complaints", "vip_benefits", "acme_lounge"} <= set(installed)
    result = CliRunner().invoke(main, ["plugin", "check"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"✓ {', '.join(installed)}: every conformance rule holds")
