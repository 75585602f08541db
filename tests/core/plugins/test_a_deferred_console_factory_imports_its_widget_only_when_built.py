"""``core.types.deferred`` lets a plugin register console screens without importing them: the
API server collects the same registrations and must never load Textual."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core.types import deferred


def test_the_module_is_imported_when_the_widget_is_built_not_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lobby_screens.py").write_text(
        "class Queue:\n    def __init__(self, api, unit):\n        self.api, self.unit = api, unit\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lobby_screens", raising=False)
    factory = deferred("lobby_screens:Queue")
    assert "lobby_screens" not in sys.modules
    widget = factory("the api client", "BJ-CY-01")
    assert "lobby_screens" in sys.modules
    assert (type(widget).__name__, widget.api, widget.unit) == ("Queue", "the api client", "BJ-CY-01")


@pytest.mark.parametrize("target", ["lobby_screens", "lobby_screens:", ":Queue", "lobby_screens.Queue"])
def test_a_target_without_module_and_name_is_refused_at_registration(target: str) -> None:
    with pytest.raises(ValueError, match="package.module:Name"):
        deferred(target)
