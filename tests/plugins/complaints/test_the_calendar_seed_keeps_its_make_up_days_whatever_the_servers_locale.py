"""The holidays package names days in the language of the server's locale unless told one; the
seed asks for Chinese and takes the make-up working days from the package's own list, so a
server running under ``zh_CN`` seeds the same calendar as one under ``en_US`` (reading the
make-up days out of English names lost them all under a Chinese locale)."""

from __future__ import annotations

import pytest

from plugins.complaints.calendar import seed_entries


def seeded_under(monkeypatch: pytest.MonkeyPatch, language: str) -> list[tuple[object, str, str]]:
    monkeypatch.setenv("LANGUAGE", language)  # the first variable the package reads
    return seed_entries("CN", 2026)


def test_the_seed_does_not_depend_on_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    chinese, english = seeded_under(monkeypatch, "zh_CN"), seeded_under(monkeypatch, "en_US")
    assert chinese == english
    assert sum(kind == "workday" for _, kind, _ in chinese) == 6
    assert ("holiday", "国庆节") in {(kind, name) for _, kind, name in chinese}
