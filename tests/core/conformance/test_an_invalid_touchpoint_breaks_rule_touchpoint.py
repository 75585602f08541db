"""Rule ``touchpoint``: what ``register_touchpoints`` returns is what the catalogue holds (a
known channel, a code and name that fit their columns, a code no other plugin adds), so a bad
one stops start-up naming the plugin and the field, not with the database's IntegrityError."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from core.api.app import create_app
from core.api.conformance import touchpoint
from core.config import Settings
from core.errors import Finding, PluginNonConformant
from core.models import Touchpoint
from core.plugins import create_plugin_manager
from core.sdk import TouchpointSpec, hookimpl
from core.types import Channel
from tests.core.conformance.checking import findings


class Postal:
    @hookimpl
    def register_touchpoints(self) -> list[TouchpointSpec]:
        return [
            TouchpointSpec(code="postal.letter", name="来信", channel="email"),  # type: ignore[arg-type]
            TouchpointSpec(code="postal." + "x" * 64, name="长代码", channel="branch"),
            TouchpointSpec(code="courier.visit", name="上门", channel="visit"),
        ]


class Courier:
    @hookimpl
    def register_touchpoints(self) -> list[TouchpointSpec]:
        return [TouchpointSpec(code="courier.visit", name="快递上门", channel="visit")]


def test_an_unknown_channel_an_overlong_code_and_a_shared_code_are_named() -> None:
    assert findings(("postal", Postal()), ("courier", Courier()), rules=[touchpoint]) == [
        Finding("postal", "touchpoint", "touchpoint 'postal.letter': channel: 'email' 不是允许的取值"),
        Finding(
            "postal",
            "touchpoint",
            f"touchpoint 'postal.{'x' * 64}': code 'postal.{'x' * 64}' is longer than 64 characters",
        ),
        Finding("courier", "touchpoint", "touchpoint code 'courier.visit' is also claimed by postal"),
        Finding("postal", "touchpoint", "touchpoint code 'courier.visit' is also claimed by courier"),
    ]


def test_the_app_refuses_to_start_with_it_naming_the_plugin(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'never-opened.db'}")
    with pytest.raises(PluginNonConformant) as refused:
        create_app(settings, plugin_manager=create_plugin_manager(discover=False, plugins=[("postal", Postal())]))
    assert str(refused.value).startswith("插件“postal”违反规则“touchpoint”：touchpoint 'postal.letter': ")


def test_the_channels_allowed_are_those_the_catalogue_table_allows() -> None:
    [check] = [c for c in Touchpoint.__table__.constraints if c.name and str(c.name).endswith("channel")]
    assert set(re.findall(r"'([^']+)'", str(check.sqltext))) == set(get_args(Channel))
