"""What the web console's page shows, as text.

textual-serve's page draws the console with xterm.js on a canvas (its WebGL or canvas
renderer), so the page holds no text to read and keeps its terminal object to itself. What
the terminal shows is exactly what it is sent over the page's websocket, though; a VT
emulator (pyte) fed the same frames, at the size the page asks the console for, holds the
same screen, whose lines the tests read.
"""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

import pyte
from playwright.sync_api import Page, WebSocket

WAIT_SECONDS = 60


class PageTerminal:
    """The screen of the terminal on ``page`` (of its last websocket)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        page.on("websocket", self._attach)

    def _attach(self, websocket: WebSocket) -> None:
        query = parse_qs(urlsplit(websocket.url).query)
        self.screen.reset()
        self.screen.resize(lines=int(query.get("height", ["24"])[0]), columns=int(query.get("width", ["80"])[0]))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        self.stream.feed(payload if isinstance(payload, bytes) else payload.encode("utf-8"))

    def _sent(self, payload: str | bytes) -> None:
        envelope = json.loads(payload)
        if envelope[0] == "resize":
            self.screen.resize(lines=envelope[1]["height"], columns=envelope[1]["width"])

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, *texts: str, gone: tuple[str, ...] = ()) -> str:
        """The screen once it shows every one of ``texts`` and none of ``gone``."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            shown = self.text
            if all(t in shown for t in texts) and not any(t in shown for t in gone):
                return shown
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the page never showed {texts} (without {gone}); it shows:\n{self.text}")

    def type(self, keys: str) -> None:
        """Type into the terminal, as a person at the page does."""
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.type(keys)

    def press(self, key: str) -> None:
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.press(key)
