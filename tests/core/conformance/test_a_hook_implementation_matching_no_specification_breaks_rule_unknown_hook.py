"""Rule ``unknown-hook``: every hook implementation matches a specification. A misspelled name
is reported per plugin, with the nearest hook, instead of pluggy's exception; an argument the
specification lacks stops the plugin manager itself, as a typed refusal naming the plugin."""

from __future__ import annotations

import pytest

from core.api.conformance import unknown_hook
from core.errors import Finding, PluginNonConformant
from core.plugins import create_plugin_manager
from core.sdk import ClientSnapshot, hookimpl
from tests.core.conformance.checking import findings

pytestmark = pytest.mark.usefixtures("english")  # compares the English text of a rule or a job's summary


class Misspelled:
    @hookimpl
    def client_creatd(self, client: ClientSnapshot) -> None:
        pass

    @hookimpl
    def survey_answered(self, answer: str) -> None:  # a hook of a plugin that is not installed
        pass

    @hookimpl(optionalhook=True)
    def survey_closed(self, survey: str) -> None:  # declared optional: fine without its publisher
        pass


class Overreaching:
    @hookimpl
    def client_created(self, client: ClientSnapshot, mood: str) -> None:
        pass


def test_a_misspelled_or_unpublished_hook_is_named_per_plugin() -> None:
    assert findings(("misspelled", Misspelled()), rules=[unknown_hook]) == [
        Finding(
            "misspelled",
            "unknown-hook",
            "'client_creatd' matches no hook specification; did you mean 'client_created'?",
        ),
        Finding(
            "misspelled",
            "unknown-hook",
            "'survey_answered' matches no hook specification; (a hook another "
            "plugin publishes? mark it @hookimpl(optionalhook=True))",
        ),
    ]


def test_an_argument_the_specification_lacks_stops_the_plugin_manager_naming_the_plugin() -> None:
    with pytest.raises(PluginNonConformant) as refused:
        create_plugin_manager(discover=False, plugins=[("overreaching", Overreaching())])
    [finding] = refused.value.findings
    assert (finding.plugin, finding.rule) == ("overreaching", "unknown-hook")
    assert "'mood'" in finding.message and "client_created" in finding.message
    assert str(refused.value).startswith("plugin 'overreaching' breaks rule 'unknown-hook': ")
