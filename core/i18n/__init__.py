"""Translation: gettext catalogs per domain, spoken in the language of the current request.

Plugins and the core mark their text as they write it; the catalogs say it in Chinese or
English. The decisions, for every part of Touchstone to follow (see ``docs/i18n.md``):

- **The msgid is the English source text** (the standard gettext way): code reads in
  English, a missing translation falls back to readable English rather than a key, and
  English needs no translating. Each domain ships a ``zh_CN`` catalog that must translate
  every msgid, and an ``en`` catalog that lists them all and may leave them empty (the
  source text is used) or correct their wording.
- **One domain per owner.** The core and the console speak the ``touchstone`` domain, with
  catalogs in ``core/locale``; each plugin package its own, named after the package, with
  catalogs inside it (``plugins/complaints/locale/zh_CN/LC_MESSAGES/complaints.mo``), so a
  plugin's text ships, versions and installs with the plugin.
- **The language is a context variable**, so one server answers a Chinese and an English
  request at once. Chinese (``zh_CN``) unless asked otherwise: by ``TOUCHSTONE_LANG`` for
  the process, ``--lang`` on the command line, ``Accept-Language`` per API request (set by
  :class:`core.api.language.LanguageMiddleware`), :func:`language` for a block of code.
- The runtime needs only the standard library's :mod:`gettext`, reading the compiled
  ``.mo`` files shipped in the wheel; Babel builds them (``python -m core.i18n``, in
  :mod:`core.i18n.catalogs`).

Use in the core (the functions bound to the ``touchstone`` domain)::

    from core.i18n import _, ngettext
    click.echo(_("{owner}: up to date").format(owner=owner))

Use in a plugin (its own domain and catalogs)::

    translations = Translator.for_package(__name__)   # in the plugin's top-level package
    _ = translations.gettext

Placeholders are named (``str.format``), so a translation may move them. Text needed before
any language is known (a class attribute, a module-level heading) is a :class:`LazyString`
from ``lazy_gettext``, translated each time it is turned into ``str``.
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from gettext import NullTranslations, translation
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
"""The languages Touchstone speaks; each domain has a catalog for each."""
DEFAULT_LANGUAGE = "zh_CN"
SOURCE_LANGUAGE = "en"
"""The language of the msgids: its catalogs may leave a message untranslated."""
LANGUAGE_VARIABLE = "TOUCHSTONE_LANG"

_BY_PRIMARY_TAG = {lang.split("_")[0]: lang for lang in LANGUAGES}
_requested: ContextVar[str | None] = ContextVar("touchstone_language", default=None)


def supported(tag: str | None) -> str | None:
    """The supported language a tag names, or None: ``zh``, ``zh-CN``, ``zh_Hans_CN`` and
    ``zh-TW`` are ``zh_CN``; ``en``, ``en-GB`` and ``en_US.UTF-8`` are ``en``."""
    primary = (tag or "").strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    return _BY_PRIMARY_TAG.get(primary)


def default_language() -> str:
    """The process's language: ``TOUCHSTONE_LANG`` when it names a supported one, else
    Chinese (an unsupported value is ignored, as POSIX ``LANG`` is)."""
    return supported(os.environ.get(LANGUAGE_VARIABLE)) or DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """``message`` unchanged: marks it for the catalogs where it must stay English source text
    until it is said (a class attribute, a command's help, a key's description), translated
    later with ``_(message)`` or a plugin's ``gettext``."""
    return message


def named(names: Mapping[str, object], code: str | None) -> str:
    """A code's name from ``names`` (lazily translated strings) in the current language; a
    code the table lacks shows as itself (a bank's own tier or category), ``None`` as ``—``."""
    return "—" if code is None else str(names.get(code, code))


def current_language() -> str:
    """The language of the code running now: the innermost :func:`language` block's, else
    the process default."""
    return _requested.get() or default_language()


@contextmanager
def language(tag: str | None) -> Iterator[str]:
    """Speak ``tag`` inside the block (``None``: the process default); yields the language.

    Only this context sees it (each asyncio task and each request has its own copy).
    Raises :class:`ValueError` naming the supported languages when ``tag`` is none of them.
    """
    lang = None if tag is None else supported(tag)
    if tag is not None and lang is None:
        raise ValueError(f"unsupported language '{tag}'; supported: {', '.join(LANGUAGES)}")
    token = _requested.set(lang)
    try:
        yield lang or default_language()
    finally:
        _requested.reset(token)


def negotiate(accept_language: str | None) -> str | None:
    """The supported language an HTTP ``Accept-Language`` header prefers (RFC 9110
    §12.5.4: highest ``q`` wins, the earlier on a tie, ``q=0`` means "not this"), or None
    when it names none of them (then the default applies). Never raises on a bad header."""
    best, best_q = None, 0.0
    for item in (accept_language or "").split(","):
        tag, _sep, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _eq, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        lang = supported(tag)
        if lang is not None and weight > best_q:
            best, best_q = lang, weight
    return best


class LazyString:
    """A message translated each time it is used, in the language current then.

    For text defined before any request has a language: a problem type's title, a column
    heading at module level. ``str()``, f-strings and ``==`` translate it; encoders do not,
    so pass ``str(value)`` where it leaves the process.
    """

    __slots__ = ("_translate", "message")

    def __init__(self, translate: Callable[[str], str], message: str) -> None:
        self._translate = translate
        self.message = message

    def __str__(self) -> str:
        return self._translate(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str | LazyString):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"LazyString({self.message!r})"


class Translator:
    """One domain's catalogs, each language's loaded once on first use.

    Messages the catalog lacks fall back to the msgid, the English source text; a domain
    without catalogs yet speaks English everywhere.
    """

    def __init__(self, domain: str, localedir: Path) -> None:
        self.domain = domain
        self.localedir = localedir
        self._catalogs: dict[str, NullTranslations] = {}

    @classmethod
    def for_package(cls, package: str) -> Translator:
        """The translator of a plugin package: the domain is the package's own name (its
        last component), the catalogs are in its ``locale`` folder."""
        return cls(package.rpartition(".")[2], Path(str(importlib.resources.files(package))) / "locale")

    def catalog(self, lang: str | None = None) -> NullTranslations:
        """The catalog of ``lang`` (default: the current language)."""
        lang = lang or current_language()
        found = self._catalogs.get(lang)
        if found is None:
            found = self._catalogs[lang] = translation(self.domain, self.localedir, languages=[lang], fallback=True)
        return found

    def gettext(self, message: str) -> str:
        """``message`` in the current language."""
        return self.catalog().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for a count ``n`` in the current language (Chinese has
        one form, English two)."""
        return self.catalog().ngettext(singular, plural, n)

    def lazy_gettext(self, message: str) -> LazyString:
        """``message``, translated when it is used rather than now."""
        return LazyString(self.gettext, message)

    def __repr__(self) -> str:
        return f"Translator({self.domain!r}, {str(self.localedir)!r})"


CORE = Translator("touchstone", Path(__file__).resolve().parent.parent / "locale")
"""The core's and the console's domain."""
gettext = _ = CORE.gettext
ngettext = CORE.ngettext
lazy_gettext = CORE.lazy_gettext

__all__ = [
    "CORE",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_VARIABLE",
    "SOURCE_LANGUAGE",
    "LazyString",
    "Translator",
    "_",
    "current_language",
    "default_language",
    "gettext",
    "language",
    "lazy_gettext",
    "negotiate",
    "ngettext",
    "supported",
]
