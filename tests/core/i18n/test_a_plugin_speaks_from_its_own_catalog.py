"""Each plugin package is a domain of its own, named after it, with its catalogs inside it:
the sample plugin's Chinese comes from ``acme_lounge/locale``, the core's catalog knows
nothing of it, and a plugin without catalogs yet speaks its English source text."""

from __future__ import annotations

from pathlib import Path

import acme_lounge

from core.i18n import CORE, Translator, language

REFUSAL = "tier '{tier}' has no lounge access at {unit}"


def test_the_plugins_domain_and_catalogs_are_its_own() -> None:
    translations = Translator.for_package("acme_lounge")
    assert translations.domain == "acme_lounge"
    assert translations.localedir == Path(acme_lounge.__file__).parent / "locale"
    assert translations.gettext(REFUSAL) == "“{tier}”等级的客户在 {unit} 不享有贵宾厅服务"
    with language("en"):
        assert translations.gettext(REFUSAL) == REFUSAL


def test_the_cores_catalog_does_not_hold_a_plugins_messages() -> None:
    assert CORE.gettext(REFUSAL) == REFUSAL
    assert Translator.for_package("acme_lounge").gettext("Database is up to date.") == "Database is up to date."


def test_a_plugin_without_catalogs_speaks_its_source_text() -> None:
    translations = Translator.for_package("cake_shop")  # the example plugin marks nothing yet
    assert translations.domain == "cake_shop" and not translations.localedir.exists()
    assert translations.ngettext("{n} cake", "{n} cakes", 2) == "{n} cakes"
