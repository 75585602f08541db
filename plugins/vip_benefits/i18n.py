"""The vip_benefits plugin's own translation domain (``plugins/vip_benefits/locale``): its section of the
client 360° view, its console screens and its messages speak the viewer's language, Chinese
unless asked otherwise, and ship with the plugin."""

from __future__ import annotations

from core.sdk import Translator

translations = Translator.for_package("plugins.vip_benefits")
_ = translations.gettext
ngettext = translations.ngettext
lazy_gettext = translations.lazy_gettext


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (a class attribute: a
    screen's title, help or key description, said when the screen is built)."""
    return message
