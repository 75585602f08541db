"""The catalogs keep step with the code: every message a domain's sources mark is in its
template and in each language's catalog, translated into Chinese, and compiled into the
``.mo`` that ships; a catalog holding a message no source marks any more is stale. The check
runs over the core's domain, each bundled plugin's and the sample outside plugin's; on a
scratch domain it is seen failing in each way and passing after the documented commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from core.i18n import Translator, language
from core.i18n.catalogs import Domain, bundled_domains, check, compile_catalogs, main, update

DOMAINS = [*bundled_domains(), Domain.for_package("acme_lounge")]


@pytest.mark.parametrize("domain", DOMAINS, ids=[d.name for d in DOMAINS])
def test_the_shipped_catalogs_are_complete_and_compiled(domain: Domain) -> None:
    assert check(domain) == []


def test_the_check_command_passes_on_this_distributions_catalogs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("check: touchstone, complaints, ")


def scratch(tmp_path: Path, source: str) -> Domain:
    package = tmp_path / "shop"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text(f"from shop.i18n import _\n\n{source}\n", encoding="utf-8")
    return Domain(Translator("shop", package / "locale"), (package,))


def translate(domain: Domain, translations: dict[str, str]) -> None:
    """What a translator does: fill the Chinese msgstr lines (and clear a fuzzy flag)."""
    path = domain.catalog("zh_CN")
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if message.id in translations:
            message.string, message.flags = translations[message.id], set()
    with path.open("wb") as fh:
        write_po(fh, catalog)


def test_a_new_message_fails_the_check_until_it_is_extracted_translated_and_compiled(tmp_path: Path) -> None:
    domain = scratch(tmp_path, 'GREETING = _("Welcome to the shop")')
    locale = domain.translator.localedir
    assert check(domain) == [
        f"{locale / p}: missing; run `python -m core.i18n update`"
        for p in ("shop.pot", "zh_CN/LC_MESSAGES/shop.po", "en/LC_MESSAGES/shop.po")
    ]
    update(domain)
    assert check(domain) == [
        f"{locale}/zh_CN/LC_MESSAGES/shop.po: 'Welcome to the shop' is not translated",
        f"{locale}/zh_CN/LC_MESSAGES/shop.mo: not compiled from shop.po; run `python -m core.i18n compile`",
        f"{locale}/en/LC_MESSAGES/shop.mo: not compiled from shop.po; run `python -m core.i18n compile`",
    ]
    translate(domain, {"Welcome to the shop": "欢迎光临"})
    compile_catalogs(domain)
    assert check(domain) == []
    assert domain.translator.gettext("Welcome to the shop") == "欢迎光临"
    with language("en"):
        assert domain.translator.gettext("Welcome to the shop") == "Welcome to the shop"

    scratch(tmp_path, 'GREETING = _("Welcome to the shop")\nFAREWELL = _("Goodbye")')
    lacking = [line for line in check(domain) if "lacks" in line]
    assert lacking == [
        f"{locale / p}: lacks 'Goodbye'; run `python -m core.i18n update`"
        for p in ("shop.pot", "zh_CN/LC_MESSAGES/shop.po", "en/LC_MESSAGES/shop.po")
    ]


def test_a_changed_message_arrives_fuzzy_and_a_removed_one_is_stale(tmp_path: Path) -> None:
    domain = scratch(tmp_path, 'GREETING = _("Welcome to the shop")')
    update(domain)
    translate(domain, {"Welcome to the shop": "欢迎光临"})
    compile_catalogs(domain)

    scratch(tmp_path, 'GREETING = _("Welcome to our shop")')
    stale = f"{domain.catalog('zh_CN')}: holds 'Welcome to the shop', which no source marks any more; run `python -m core.i18n update`"
    assert stale in check(domain)
    update(domain)
    compile_catalogs(domain)
    fuzzy = f"{domain.catalog('zh_CN')}: 'Welcome to our shop' is fuzzy; check its translation and drop the flag"
    assert check(domain) == [fuzzy]
    translate(domain, {"Welcome to our shop": "欢迎光临本店"})
    compile_catalogs(domain)
    assert check(domain) == []
