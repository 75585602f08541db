"""Touchstone's distribution ships several plugins: each is described by its own docstring's
first paragraph, not by the distribution's summary; a plugin with a distribution of its own
keeps its summary."""

from __future__ import annotations

from core.plugins import create_plugin_manager, describe_plugins


def test_each_bundled_plugin_says_what_it_does_and_the_sample_keeps_its_summary() -> None:
    described = {info.name: info for info in describe_plugins(create_plugin_manager(), None)}
    assert described["complaints"].description.startswith("Complaint handling: intake from every channel")
    assert described["vip_benefits"].description.startswith("VIP perks by client tier")
    assert described["core"].description.startswith("The core's defaults")
    assert len({described[name].description for name in ("complaints", "vip_benefits", "core")}) == 3
    assert described["acme_lounge"].description.startswith("Airport lounge visits")
    assert "\n" not in described["complaints"].description
