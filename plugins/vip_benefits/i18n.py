"""The vip_benefits plugin's own translation domain (``plugins/vip_benefits/locale``): its section of the
client 360° view, its console screens and its messages speak the viewer's language, Chinese
unless asked otherwise, and ship with the plugin."""

from __future__ import annotations

from core.sdk import N_, Translator

translations = Translator.for_package("plugins.vip_benefits")
_ = translations.gettext
ngettext = translations.ngettext
lazy_gettext = translations.lazy_gettext

__all__ = ["N_", "_", "lazy_gettext", "ngettext", "translations"]
