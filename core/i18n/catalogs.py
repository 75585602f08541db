"""Keeping the catalogs: extract, update and compile them with Babel, and check them.

    python -m core.i18n extract   # each domain's .pot, from the strings its Python sources mark
    python -m core.i18n update    # extract, then merge into each language's .po (new msgids arrive empty)
    python -m core.i18n compile   # each .po into the .mo beside it (committed, shipped in the wheel)
    python -m core.i18n check     # what CI's test asks: every msgid in every catalog, translated, compiled

Without arguments these act on the domains of this distribution (the core's and each bundled
plugin's); name packages to act on others (``python -m core.i18n update acme_lounge`` for an
outside plugin installed editable). Files are rewritten only when a message changed, so an
update with nothing new leaves no diff. Babel is a development dependency: nothing here runs
in a server.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from core.i18n import CORE, LANGUAGES, SOURCE_LANGUAGE, Translator

KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}
"""The functions whose string arguments are messages: gettext's usual names and ours."""
METHOD_MAP = [("**.py", "python")]
COMMENT_TAGS = ("Translators:",)
"""A comment starting so, just above a message, reaches the translator."""
HEADER = "# The {domain} domain's messages (docs/i18n.md).\n#"
Key = tuple[object, str | None]
"""A message as a catalog holds it: its id (a ``(singular, plural)`` pair if plural), its context."""
_DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.MULTILINE)


@dataclass(frozen=True)
class Domain:
    """A domain's translator and the source folders whose marked strings it holds."""

    translator: Translator
    sources: tuple[Path, ...]

    @classmethod
    def for_package(cls, package: str) -> Domain:
        if package == "core":
            return CORE_DOMAIN
        translator = Translator.for_package(package)
        return cls(translator, (translator.localedir.parent,))

    @property
    def name(self) -> str:
        return self.translator.domain

    @property
    def template(self) -> Path:
        return self.translator.localedir / f"{self.name}.pot"

    def catalog(self, lang: str, suffix: str = ".po") -> Path:
        return self.translator.localedir / lang / "LC_MESSAGES" / f"{self.name}{suffix}"


_CORE_DIR = CORE.localedir.parent
CORE_DOMAIN = Domain(CORE, (_CORE_DIR, _CORE_DIR.parent / "console"))
"""The core's domain, which the console speaks too."""


def bundled_domains() -> list[Domain]:
    """The core's domain and one per plugin this distribution registers."""
    plugins = importlib.metadata.distribution("touchstone").entry_points.select(group="touchstone.plugins")
    return [CORE_DOMAIN] + [
        Domain.for_package(ep.module)
        for ep in sorted(plugins, key=lambda ep: ep.name)
        if ep.module.partition(".")[0] != "core"
    ]


def extract(domain: Domain) -> Catalog:
    """The template: every message the domain's sources mark, where each is used."""
    template = Catalog(
        domain=domain.name, project=domain.name, header_comment=HEADER.format(domain=domain.name), fuzzy=False
    )
    for source in domain.sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            source, METHOD_MAP, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
        ):
            template.add(
                message, None, [(f"{source.name}/{filename}", lineno)], auto_comments=comments, context=context
            )
    return template


def _render_po(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_po(out, catalog, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _render_mo(po: Path) -> bytes:
    out = BytesIO()
    with po.open("rb") as fh:
        write_mo(out, read_po(fh))
    return out.getvalue()


def _write(path: Path, content: bytes) -> None:
    """Write ``content`` unless the file says the same but for its dates."""
    if path.is_file() and _DATES.sub(b"", path.read_bytes()) == _DATES.sub(b"", content):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def _keys(catalog: Catalog) -> set[Key]:
    return {(message.id, message.context) for message in catalog if message.id}


def _has_messages(domain: Domain, template: Catalog) -> bool:
    """A domain that marks nothing and has no catalogs yet is left without any."""
    return bool(_keys(template)) or domain.translator.localedir.exists()


def write_template(domain: Domain) -> Catalog:
    template = extract(domain)
    if _has_messages(domain, template):
        _write(domain.template, _render_po(template))
    return template


def update(domain: Domain) -> None:
    """Extract the template, then merge it into each language's catalog (created if new):
    new msgids arrive untranslated, vanished ones leave, changed ones arrive fuzzy with
    their old translation as a suggestion."""
    template = write_template(domain)
    if not _has_messages(domain, template):
        return
    for lang in LANGUAGES:
        path = domain.catalog(lang)
        catalog = (
            _read(path, lang)
            if path.is_file()
            else Catalog(
                locale=lang,
                domain=domain.name,
                project=domain.name,
                header_comment=HEADER.format(domain=domain.name),
                fuzzy=False,
            )
        )
        catalog.update(template)
        _write(path, _render_po(catalog))


def compile_catalogs(domain: Domain) -> None:
    for lang in LANGUAGES:
        if domain.catalog(lang).is_file():
            _write(domain.catalog(lang, ".mo"), _render_mo(domain.catalog(lang)))


def check(domain: Domain) -> list[str]:
    """What is out of step, one line each naming the file and the message: a msgid marked
    in the sources but missing from a catalog (or held by one but marked no more), one
    left untranslated in Chinese or fuzzy, a .mo not compiled from its .po. Empty when
    all is well."""
    template = extract(domain)
    if not _has_messages(domain, template):
        return []
    problems = []
    for path, lang in [(domain.template, None), *((domain.catalog(lang), lang) for lang in LANGUAGES)]:
        if not path.is_file():
            problems.append(f"{path}: missing; run `python -m core.i18n update`")
            continue
        catalog = _read(path, lang)
        problems += _out_of_step(path, marked=_keys(template), held=_keys(catalog))
        if lang is not None:
            problems += _untranslated(path, lang, catalog)
            compiled = domain.catalog(lang, ".mo")
            if not compiled.is_file() or compiled.read_bytes() != _render_mo(path):
                problems.append(f"{compiled}: not compiled from {path.name}; run `python -m core.i18n compile`")
    return problems


def _out_of_step(path: Path, *, marked: set[Key], held: set[Key]) -> list[str]:
    return [f"{path}: lacks {key[0]!r}; run `python -m core.i18n update`" for key in sorted(marked - held, key=str)] + [
        f"{path}: holds {key[0]!r}, which no source marks any more; run `python -m core.i18n update`"
        for key in sorted(held - marked, key=str)
    ]


def _untranslated(path: Path, lang: str, catalog: Catalog) -> list[str]:
    """Fuzzy messages anywhere; empty ones except in the source language's catalog."""
    problems = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.id and message.fuzzy:
            problems.append(f"{path}: {message.id!r} is fuzzy; check its translation and drop the flag")
        elif message.id and lang != SOURCE_LANGUAGE and not all(strings):
            problems.append(f"{path}: {message.id!r} is not translated")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.i18n", description="Keep the gettext catalogs.")
    parser.add_argument("action", choices=["extract", "update", "compile", "check"])
    parser.add_argument(
        "packages", nargs="*", help="packages whose domains to act on (default: the core and the bundled plugins)"
    )
    args = parser.parse_args(argv)
    domains = [Domain.for_package(package) for package in args.packages] or bundled_domains()
    problems: list[str] = []
    for domain in domains:
        if args.action == "extract":
            write_template(domain)
        elif args.action == "update":
            update(domain)
        elif args.action == "compile":
            compile_catalogs(domain)
        else:
            problems += check(domain)
    print("\n".join(problems) or f"{args.action}: {', '.join(d.name for d in domains)}: done")
    return 1 if problems else 0
