"""What a plugin's distribution ships: the files its installed ``RECORD`` lists, or, for an
editable install (whose ``RECORD`` holds no package files), what setuptools would put in the
wheel, read from the project's ``pyproject.toml``.

A plugin reads files that are not Python modules at run time (its migrations, their
``script.py.mako``, console styles, compiled catalogs, standards as TOML), and a missing one
shows only once the wheel is installed somewhere else: the migrations' ``versions/`` folder
has no ``__init__.py``, so a non-namespace package search leaves it behind, and package data
must be asked for by pattern. The conformance rule ``wheel`` compares what is on disk with
what ships.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import os
import tomllib
from importlib.metadata import Distribution
from pathlib import Path, PurePosixPath

NEEDED = ("**/migrations/**/*.py", "**/*.mako", "**/*.tcss", "**/*.mo", "**/*.toml")
"""Files a plugin needs at run time that a wheel carries only if asked (relative to its package)."""


def unshipped(dist: Distribution, package: Path) -> list[str] | str:
    """The files ``package`` needs (:data:`NEEDED`) that ``dist`` does not ship, relative to the
    project (an editable install: compared with what setuptools would ship) or to the folder
    it is installed in (compared with ``RECORD``; with the project folder it was installed
    from instead, when ``direct_url.json`` names one that holds the package). A string says
    why that cannot be told."""
    source, editable = source_of(dist)
    package = package.resolve()
    if editable and source is not None:
        base, ships = source, setuptools_would_ship(source)
        if isinstance(ships, str):
            return f"editable install: {ships}"
    else:
        site, ships = recorded(dist)
        if not package.is_relative_to(site):
            return f"{package} is not where {dist.name} is installed"
        relative = package.relative_to(site)
        base = source if source is not None and (source / relative).is_dir() else site
        package = base / relative
    if not package.is_relative_to(base):
        return f"{package} is not in the project {base}"
    needed = (path.relative_to(base).as_posix() for path in _needed_files(package))
    return sorted(path for path in needed if PurePosixPath(path) not in ships)


def _needed_files(package: Path) -> set[Path]:
    return {path for pattern in NEEDED for path in package.glob(pattern) if "__pycache__" not in path.parts}


def source_of(dist: Distribution) -> tuple[Path | None, bool]:
    """The project folder a distribution was installed from (PEP 610 ``direct_url.json``), and
    whether the install is editable; ``(None, False)`` for one installed from a wheel or index."""
    text = dist.read_text("direct_url.json")
    if not text:
        return None, False
    found = json.loads(text)
    url = found.get("url", "")
    if not url.startswith("file://") or "dir_info" not in found:
        return None, False
    return Path(url.removeprefix("file://")), bool(found["dir_info"].get("editable"))


def recorded(dist: Distribution) -> tuple[Path, set[PurePosixPath]]:
    """Where an installed distribution's files are, and the paths its ``RECORD`` lists."""
    return Path(str(dist.locate_file(""))).resolve(), {PurePosixPath(str(file)) for file in dist.files or ()}


def setuptools_would_ship(root: Path) -> set[PurePosixPath] | str:
    """The files (relative to ``root``) a setuptools wheel of the project at ``root`` holds:
    the modules and ``[tool.setuptools.package-data]`` of each package
    ``[tool.setuptools.packages]`` names or finds. A string says why that cannot be told
    without building the wheel (another build backend, a ``MANIFEST.in``, setuptools-scm…)."""
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return f"no pyproject.toml in {root}"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    build = project.get("build-system", {})
    if build.get("build-backend") != "setuptools.build_meta":
        return f"built by {build.get('build-backend', 'an unnamed backend')}, not setuptools"
    if any("scm" in requirement for requirement in build.get("requires", ())) or (root / "MANIFEST.in").exists():
        return "files are added by MANIFEST.in or setuptools-scm, which this check does not read"
    tool = project.get("tool", {}).get("setuptools", {})
    if {"package-dir", "exclude-package-data"} & set(tool):
        return "package-dir or exclude-package-data is set, which this check does not read"
    packages = _packages(root, tool.get("packages"))
    if isinstance(packages, str):
        return packages
    data = tool.get("package-data", {})
    shipped: set[PurePosixPath] = set()
    for name, folder in packages.items():
        shipped.update(PurePosixPath(path.relative_to(root).as_posix()) for path in folder.glob("*.py"))
        for pattern in [*data.get("*", ()), *data.get(name, ())]:
            for found in glob.glob(pattern, root_dir=folder):
                shipped.add(PurePosixPath((folder / found).relative_to(root).as_posix()))
    return shipped


def _packages(root: Path, declared: object) -> dict[str, Path] | str:
    """Package name → folder, as setuptools lists or finds them (``where``, ``include``,
    ``exclude``, ``namespaces``)."""
    if isinstance(declared, list):
        return {name: root / name.replace(".", "/") for name in declared}
    if not isinstance(declared, dict) or "find" not in declared:
        return "packages are found by setuptools' automatic discovery, which this check does not repeat"
    find = declared["find"]
    include = find.get("include", ["*"])
    literals = [pattern.split("*")[0].split("?")[0].split("[")[0] for pattern in include]
    found = {}
    for where in find.get("where", ["."]):
        base = root / where
        for folder, dirs, _ in os.walk(base):
            relative = Path(folder).relative_to(base)
            prefix = "" if relative == Path(".") else ".".join(relative.parts) + "."
            # a folder whose name has a dot is no package; nor is any below one no pattern can reach
            dirs[:] = [
                d
                for d in dirs
                if "." not in d and any((prefix + d).startswith(lit) or lit.startswith(prefix + d) for lit in literals)
            ]
            if relative == Path("."):
                continue
            name = prefix.removesuffix(".")
            if not find.get("namespaces", True) and not (Path(folder) / "__init__.py").exists():
                dirs[:] = []
                continue
            if any(fnmatch.fnmatchcase(name, p) for p in include) and not any(
                fnmatch.fnmatchcase(name, p) for p in find.get("exclude", ())
            ):
                found[name] = Path(folder)
    return found
