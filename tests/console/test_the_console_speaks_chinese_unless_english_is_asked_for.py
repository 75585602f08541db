"""The console speaks Chinese by default: titles, column headers, the keys in the footer and
the problems the API answers. English when asked: ``--lang en``, ``TOUCHSTONE_LANG=en`` or a
profile's ``language``, in that order; the API is asked for the same language, so its
problem documents read as the rest of the screen does."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from textual.widgets import DataTable

from console.api import ApiError
from console.profiles import Profile, ProfileStore, speaking
from core.i18n import language
from tests.console.conftest import settle


def footer_keys(console) -> set[str]:  # type: ignore[no-untyped-def]
    return {active.binding.description for active in console.screen.active_bindings.values()}


async def refusal(console) -> ApiError:  # type: ignore[no-untyped-def]
    """The API's answer on a plugin's route at a unit where the plugin is off."""
    with pytest.raises(ApiError) as refused:
        await console.api.get("/plugins/acme_lounge/visits", msgspec.Raw, unit="HO")
    return refused.value


async def test_the_console_speaks_chinese_by_default(console_for) -> None:
    console = await console_for("admin", "HO")
    async with console.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert console.screen.title == "看板"
        assert [str(c.label) for c in console.screen.query_one("#units", DataTable).columns.values()][:2] == [
            "机构",
            "上月",
        ]
        assert {"刷新", "上一级", "帮助", "退出"} <= footer_keys(console)
        assert (await refusal(console)).problem.title == "此机构未启用该插件"


async def test_the_console_speaks_english_when_asked(console_for) -> None:
    with language("en"):
        console = await console_for("admin", "HO")
        async with console.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            assert console.screen.title == "Dashboard"
            assert {"Reload", "Up a level", "Help", "Quit"} <= footer_keys(console)
            assert (await refusal(console)).problem.title == "Plugin not enabled here"


def test_a_profile_remembers_its_language(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "console.toml")
    store.save(Profile(name="lab", url="http://127.0.0.1:8000", token="ts_secret", language="en"))
    store.save(Profile(name="branch", url="http://127.0.0.1:8001", token="ts_other"))
    assert (store.load("lab").language, store.load("branch").language) == ("en", None)  # type: ignore[union-attr]


def test_lang_then_the_environment_then_the_profile_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOUCHSTONE_LANG", raising=False)
    assert speaking(None, None) == "zh_CN"
    assert speaking(None, "en") == "en"
    monkeypatch.setenv("TOUCHSTONE_LANG", "zh-CN")
    assert speaking(None, "en") == "zh_CN"
    with language("en"):  # what --lang en does
        assert speaking("en", "zh_CN") == "en"
