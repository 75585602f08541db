"""The language is a context variable: tasks interleaving on one event loop (as requests do in
one server) each keep their own, and none leaks into the code that started them."""

from __future__ import annotations

import asyncio

from core.i18n import _, current_language, language


async def speak(tag: str, started: asyncio.Barrier) -> list[str]:
    heard = []
    with language(tag):
        for _round in range(3):
            await started.wait()  # every task is inside its block before any goes on
            heard.append(_("Database is up to date."))
    return heard


async def test_a_chinese_and_an_english_task_answer_at_once() -> None:
    started = asyncio.Barrier(2)
    chinese, english = await asyncio.gather(speak("zh_CN", started), speak("en", started))
    assert chinese == ["数据库已是最新。"] * 3 and english == ["Database is up to date."] * 3
    assert current_language() == "zh_CN"
