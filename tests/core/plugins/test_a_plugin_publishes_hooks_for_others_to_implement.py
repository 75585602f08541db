"""A plugin publishes hook specifications through ``register_hookspecs``; another plugin
implements them without importing the publisher, whichever is registered first."""

from __future__ import annotations

import pytest

from core import hookimpl
from core.api.conformance import refuse
from core.errors import Finding, PluginNonConformant
from core.hookspecs import hookspec
from core.plugins import PluginRuntime, create_plugin_manager


class PublishedSpecs:
    @hookspec
    def publisher_voucher_redeemed(self, voucher: str) -> str:
        """Called after a voucher is redeemed."""


class Publisher:
    @hookimpl
    def register_hookspecs(self) -> list[object]:
        return [PublishedSpecs]


class Listener:
    @hookimpl
    def publisher_voucher_redeemed(self, voucher: str) -> str:
        return f"heard {voucher}"


class Misspelled:
    @hookimpl
    def publisher_voucher_redemed(self, voucher: str) -> str:
        return voucher


def test_an_implementation_of_a_published_hook_is_called() -> None:
    pm = create_plugin_manager(discover=False, plugins=[("listener", Listener()), ("publisher", Publisher())])
    assert pm.hook.publisher_voucher_redeemed(voucher="v-1") == ["heard v-1"]


def test_a_misspelled_implementation_of_a_published_hook_still_fails_at_start_up() -> None:
    pm = create_plugin_manager(discover=False, plugins=[("publisher", Publisher()), ("misspelled", Misspelled())])
    with pytest.raises(PluginNonConformant) as refused:
        refuse(PluginRuntime(pm))
    assert refused.value.findings == [
        Finding(
            "misspelled",
            "unknown-hook",
            "'publisher_voucher_redemed' matches no hook specification; did you mean 'publisher_voucher_redeemed'?",
        )
    ]
