"""The console's CSV export: ``ctrl+s`` (导出 CSV) on a list or report screen saves what the
screen lists, as the API exports it.

A screen opts in by naming the API path it shows (``EXPORT_PATH = "/clients"`` on a
:class:`~console.screens.base.Page`); the export asks that path for ``?format=csv`` with the
screen's query (the unit worked on, and the filters a screen adds), so the file holds exactly
what the API lets this token see, masked as the screen shows it, in the console's language,
UTF-8 with the BOM Excel needs. The API names the file (``clients-20261204.csv``). In a
terminal the file is saved in the user's downloads folder (``~/Downloads``), or, where there is
none (a server reached over SSH), in ``<user data dir>/exports``; a name already taken there
gets ``-2``, ``-3``… In a browser (``touchstone console --web``) the browser downloads it.
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from platformdirs import user_data_path, user_downloads_path
from textual.app import App
from textual.binding import Binding

from console.api import ApiError
from console.api.client import ApiClient
from core.i18n import N_, _

KEY = "ctrl+s"
ACTION = "save"
"""``ctrl+s`` saves what is in front on every screen: a draft in the editor, a list as a file here."""
_FILENAME = re.compile(r'filename="?([^";]+)"?')


def binding() -> Binding:
    """The key of a screen that exports (added to those that name an ``EXPORT_PATH``; each
    screen says it in the console's language as it is built)."""
    return Binding(KEY, ACTION, N_("Export CSV"))


def export_directory() -> Path:
    """The user's downloads folder, else ``<user data dir>/exports`` (made when missing)."""
    downloads = user_downloads_path()
    if downloads.is_dir():
        return downloads
    exports = user_data_path("touchstone") / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    return exports


def file_name(disposition: str, path: str) -> str:
    """The file name the API gives (``Content-Disposition``), without any folder in it; else
    one after the path (``/reports/compliance`` → ``compliance.csv``)."""
    if (found := _FILENAME.search(disposition)) and (name := Path(found.group(1)).name):
        return name
    return f"{path.rstrip('/').rsplit('/', 1)[-1] or 'export'}.csv"


def free_path(directory: Path, name: str) -> Path:
    """``directory/name``, or ``name-2``, ``name-3``… where an earlier export has it."""
    target, stem, suffix, number = directory / name, Path(name).stem, Path(name).suffix, 1
    while target.exists():
        number += 1
        target = directory / f"{stem}-{number}{suffix}"
    return target


async def export_csv(app: App[Any], api: ApiClient, path: str, params: Mapping[str, Any]) -> Path | None:
    """Fetch ``path`` as CSV with ``params`` and save it (in a browser: download it); say
    where in a notification. Returns where it was saved (``None`` when nothing was, or the
    browser has it)."""
    try:
        response = await api.download(path, format="csv", **params)
    except ApiError as error:
        app.notify(_("The export failed: {reason}").format(reason=error.message), severity="error")
        return None
    if not response.headers.get("content-type", "").startswith("text/csv"):  # a server older than its exports
        app.notify(_("The server does not export {path} as CSV").format(path=path), severity="error")
        return None
    name = file_name(response.headers.get("content-disposition", ""), path)
    if app.is_web:
        app.deliver_text(io.StringIO(response.content.decode("utf-8")), save_filename=name, mime_type="text/csv")
        app.notify(_("Exported {name}: your browser downloads it").format(name=name))
        return None
    target = free_path(await asyncio.to_thread(export_directory), name)
    await asyncio.to_thread(target.write_bytes, response.content)
    app.notify(_("Exported to {path}").format(path=target))
    return target
