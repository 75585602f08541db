"""Rule ``clash``: no two plugins share a mount (a plugin's name is one path segment, and no
two distributions install the same name), a delivery-channel topic prefix or a command, and no
plugin command takes a name the core's command line has."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from core.api.conformance import Subject, clash
from core.errors import Finding
from core.plugins import PluginRuntime, create_plugin_manager
from core.sdk import DeliveryChannel, DeliveryResult, OutboxMessage, hookimpl
from tests.core.conformance.checking import findings

TWIN_SITE = Path(__file__).parents[2] / "fixtures" / "twin_site"


async def deliver(message: OutboxMessage) -> DeliveryResult:
    return "delivered"


class Texter:
    """Claims the topics of text messages and a command named like its neighbour's."""

    @hookimpl
    def register_delivery_channels(self) -> list[DeliveryChannel]:
        return [DeliveryChannel(name="sms", topics=("sms.", "texter."), deliver=deliver)]

    @hookimpl
    def register_commands(self) -> list[click.Command]:
        return [click.Command("lounge"), click.Command("serve")]


class Lounge:
    @hookimpl
    def register_delivery_channels(self) -> list[DeliveryChannel]:
        return [DeliveryChannel(name="lounge-sms", topics=("sms.",), deliver=deliver)]

    @hookimpl
    def register_commands(self) -> list[click.Command]:
        return [click.Command("lounge")]


def test_a_shared_topic_prefix_or_command_is_named_for_each_plugin() -> None:
    runtime = PluginRuntime(create_plugin_manager(discover=False, plugins=[("texter", Texter()), ("lounge", Lounge())]))
    assert list(clash(Subject(runtime, commands=["serve", "migrate"]))) == [
        Finding("lounge", "clash", "topic prefix 'sms.' is also claimed by texter"),
        Finding("texter", "clash", "topic prefix 'sms.' is also claimed by lounge"),
        Finding("lounge", "clash", "command 'lounge' is also claimed by texter"),
        Finding("texter", "clash", "command 'lounge' is also claimed by lounge"),
        Finding("texter", "clash", "command 'serve' is already a touchstone command"),
    ]


def test_a_name_that_is_not_one_path_segment_is_named() -> None:
    assert findings(("lounge/admin", Lounge()), ("Lounge", object()), rules=[clash]) == [
        Finding(
            "lounge/admin",
            "clash",
            "the name 'lounge/admin' is not lowercase letters, digits and underscores: "
            "its mount /api/v1/plugins/lounge/admin would reach into another's",
        ),
        Finding(
            "Lounge",
            "clash",
            "the name 'Lounge' is not lowercase letters, digits and underscores: its mount "
            "/api/v1/plugins/Lounge would reach into another's",
        ),
    ]


def test_two_distributions_installing_the_same_name_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(TWIN_SITE))
    assert findings(rules=[clash]) == [
        Finding(
            "lounge_twin",
            "clash",
            "distributions twin-a, twin-b each install a plugin named 'lounge_twin' "
            "(touchstone.plugins) at /api/v1/plugins/lounge_twin; only one is loaded",
        ),
    ]
