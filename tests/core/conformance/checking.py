"""What the conformance tests share: the findings of the rules over an explicit plugin set
(the core's defaults plus the plugins given, nothing discovered)."""

from __future__ import annotations

from collections.abc import Iterable

from core.api.conformance import EVERY_RULE, Rule, Subject, check
from core.errors import Finding
from core.plugins import PluginRuntime, create_plugin_manager


def findings(*plugins: tuple[str, object], rules: Iterable[Rule] = EVERY_RULE) -> list[Finding]:
    """Every finding of ``rules`` for ``plugins`` installed beside the core's defaults."""
    return check(Subject(PluginRuntime(create_plugin_manager(discover=False, plugins=plugins))), rules)
