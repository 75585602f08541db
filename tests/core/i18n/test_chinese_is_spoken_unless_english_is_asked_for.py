"""Touchstone speaks Chinese by default; ``TOUCHSTONE_LANG`` or a ``language()`` block asks for
English, whose text is the msgid itself. Lazy strings follow whatever is current when used."""

from __future__ import annotations

import pytest

from core.errors import PluginDisabled
from core.i18n import _, current_language, language, ngettext

UP_TO_DATE = "Database is up to date."


def applied(n: int) -> str:
    return ngettext("{owner}: applied {count} revision", "{owner}: applied {count} revisions", n).format(
        owner="core", count=n
    )


@pytest.fixture(autouse=True)
def no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOUCHSTONE_LANG", raising=False)


def test_chinese_by_default() -> None:
    assert current_language() == "zh_CN"
    assert _(UP_TO_DATE) == "数据库已是最新。"
    assert (applied(1), applied(2)) == ("core：已应用 1 个修订", "core：已应用 2 个修订")


def test_touchstone_lang_asks_for_english_and_an_unknown_value_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOUCHSTONE_LANG", "en_US.UTF-8")
    assert current_language() == "en" and _(UP_TO_DATE) == UP_TO_DATE
    assert (applied(1), applied(2)) == ("core: applied 1 revision", "core: applied 2 revisions")
    monkeypatch.setenv("TOUCHSTONE_LANG", "fr")
    assert current_language() == "zh_CN"


def test_a_block_speaks_its_language_and_restores_the_one_before(monkeypatch: pytest.MonkeyPatch) -> None:
    with language("en-GB") as outer:
        assert outer == "en" and _(UP_TO_DATE) == UP_TO_DATE
        with language("zh-Hans-CN"):
            assert _(UP_TO_DATE) == "数据库已是最新。"
        monkeypatch.setenv("TOUCHSTONE_LANG", "zh")
        with language(None) as default:
            assert default == "zh_CN"
        assert current_language() == "en"
    assert current_language() == "zh_CN"


def test_an_unsupported_language_is_refused_naming_the_supported_ones() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'; supported: zh_CN, en"), language("fr"):
        pass


def test_a_class_level_title_is_translated_when_used() -> None:
    title = PluginDisabled.title
    assert str(title) == "此机构未启用该插件" and f"[{title}]" == "[此机构未启用该插件]"
    with language("en"):
        assert title == "Plugin not enabled here" and str(PluginDisabled("complaints", "OUT1")) == (
            "plugin 'complaints' is not enabled at unit 'OUT1'"
        )
