"""The plugin's own translation domain (``vip_benefits``, catalogs in ``locale/``), so its messages ship with it."""

from __future__ import annotations

from core.sdk import Translator

translations = Translator.for_package("plugins.vip_benefits")
_ = translations.gettext
ngettext = translations.ngettext
lazy_gettext = translations.lazy_gettext
