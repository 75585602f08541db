"""Text a person reads on the console, in the language the console speaks.

Class attributes (a screen's ``TITLE`` and ``HELP``, its ``BINDINGS``' descriptions) are
written before any language is known, so they are marked with :func:`N_` (which the catalogs
extract) and stay English source text; each screen, dialog and widget turns them into the
current language when it is built (:func:`speak_bindings`), so a console started in English
and one started in Chinese in the same process each read their own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual.dom import DOMNode

from core.i18n import _


def speak_bindings(node: DOMNode, gettext: Callable[[str], str] = _) -> None:
    """Say the descriptions and tooltips of ``node``'s key bindings in the current language,
    through ``gettext`` (the console's catalog unless a plugin gives its own).

    Textual copies a class's bindings into each node it builds (``node._bindings``); this
    replaces the copies' text, leaving the class's English source as it was. Text the catalog
    does not hold is left as it is, so a plugin's screen is said by the console's catalog
    first (the keys the console adds) and then by the plugin's (its own keys)."""
    by_key = node._bindings.key_to_bindings
    for key, bindings in by_key.items():
        by_key[key] = [
            dataclasses.replace(
                b,
                description=gettext(b.description) if b.description else "",
                tooltip=gettext(b.tooltip) if b.tooltip else "",
                group=dataclasses.replace(b.group, description=gettext(b.group.description)) if b.group else None,
            )
            for b in bindings
        ]
