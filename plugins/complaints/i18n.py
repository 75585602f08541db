"""The plugin's own translation domain (``complaints``, catalogs in ``locale/``), so its messages ship with it."""

from __future__ import annotations

from core.sdk import Translator

translations = Translator.for_package("plugins.complaints")
_ = translations.gettext
ngettext = translations.ngettext
lazy_gettext = translations.lazy_gettext
