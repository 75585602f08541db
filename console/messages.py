"""Messages the console's widgets post to the screens around them."""

from __future__ import annotations

from textual.message import Message


class UnitChosen(Message):
    """A person chose the organisation unit to work on (by its code)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
