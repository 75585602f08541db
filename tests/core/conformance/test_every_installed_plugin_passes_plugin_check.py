"""CI runs ``touchstone plugin check`` over every installed plugin, the core's defaults, the
bundled plugins and the sample third-party one, every rule included: all conform."""

from __future__ import annotations

from click.testing import CliRunner

from core.cli import main


def test_plugin_check_passes_every_bundled_plugin_and_the_sample() -> None:
    result = CliRunner().invoke(main, ["plugin", "check"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("✓ acme_lounge, complaints, core, vip_benefits: every conformance rule holds")
