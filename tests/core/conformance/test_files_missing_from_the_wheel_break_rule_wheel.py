"""Rule ``wheel`` (``touchstone plugin check`` only): the migrations, templates, console styles,
compiled catalogs and TOML files a plugin needs ship with its distribution. An installed one
is compared with its RECORD; an editable one with what setuptools would ship, read from its
pyproject.toml; and a plugin's migrations folder is whole where it is installed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from core.api.conformance import Subject, check, wheel
from core.errors import Finding
from core.plugins import PluginRuntime, create_plugin_manager
from core.sdk import MigrationsLocation, hookimpl
from tests.core.conformance.checking import findings

UNSHIPPED_SITE = Path(__file__).parents[2] / "fixtures" / "unshipped_site"
PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "tea-lounge"
version = "0.1.0"

[project.entry-points."touchstone.plugins"]
tea_lounge = "tea_lounge"

[tool.setuptools.packages.find]
include = ["tea_lounge*"]
namespaces = {namespaces}

[tool.setuptools.package-data]
"*" = ["*.mako"]
"""


def test_an_installed_plugin_whose_record_lacks_its_migrations_and_styles_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(UNSHIPPED_SITE))
    found = [f for f in check(Subject(PluginRuntime(create_plugin_manager())), [wheel]) if f.plugin == "half_lounge"]
    assert found == [
        Finding(
            "half_lounge",
            "wheel",
            "distribution half-lounge does not ship "
            "half_lounge/migrations/env.py, half_lounge/migrations/script.py.mako, "
            "half_lounge/migrations/versions/20261204_4c1d2e3f5a6b_nothing_yet.py, "
            "half_lounge/screens.tcss",
        )
    ]


def editable_project(root: Path, monkeypatch: pytest.MonkeyPatch, *, namespaces: bool) -> None:
    """A plugin project at ``root/project`` installed editable into ``root/site`` (both on
    ``sys.path``, the package not yet imported)."""
    project, site = root / "project", root / "site"
    versions = project / "tea_lounge" / "migrations" / "versions"
    versions.mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT.format(namespaces=str(namespaces).lower()))
    (project / "tea_lounge" / "__init__.py").write_text('"""Tea for premium clients."""\n')
    (project / "tea_lounge" / "migrations" / "env.py").write_text("from core.sdk import run_env\n\nrun_env()\n")
    (project / "tea_lounge" / "migrations" / "script.py.mako").write_text("${message}\n")
    (versions / "20261204_aa_first.py").write_text('"""First."""\n')
    (project / "tea_lounge" / "tea.tcss").write_text("Screen { background: green; }\n")
    info = site / "tea_lounge-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tea-lounge\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[touchstone.plugins]\ntea_lounge = tea_lounge\n")
    (info / "direct_url.json").write_text(json.dumps({"url": project.as_uri(), "dir_info": {"editable": True}}))
    (info / "RECORD").write_text("tea_lounge-0.1.0.dist-info/METADATA,,\n__editable__.tea_lounge-0.1.0.pth,,\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(project))  # what the editable finder does
    monkeypatch.delitem(sys.modules, "tea_lounge", raising=False)


@pytest.mark.parametrize(
    ("namespaces", "missing"),
    [
        (True, "tea_lounge/tea.tcss"),  # no pattern asks for the styles
        (
            False,
            "tea_lounge/migrations/env.py, tea_lounge/migrations/script.py.mako, "
            "tea_lounge/migrations/versions/20261204_aa_first.py, tea_lounge/tea.tcss",
        ),  # no __init__.py: no package
    ],
)
def test_an_editable_plugin_is_checked_against_what_its_pyproject_ships(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, namespaces: bool, missing: str
) -> None:
    editable_project(tmp_path, monkeypatch, namespaces=namespaces)
    found = [f for f in check(Subject(PluginRuntime(create_plugin_manager())), [wheel]) if f.plugin == "tea_lounge"]
    assert found == [Finding("tea_lounge", "wheel", f"distribution tea-lounge does not ship {missing}")]


def test_an_editable_plugin_built_by_another_backend_is_said_to_be_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editable_project(tmp_path, monkeypatch, namespaces=True)
    pyproject = tmp_path / "project" / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("setuptools.build_meta", "hatchling.build"))
    subject = Subject(PluginRuntime(create_plugin_manager()))
    assert [f for f in check(subject, [wheel]) if f.plugin == "tea_lounge"] == []
    assert (
        Finding("tea_lounge", "wheel", "skipped: editable install: built by hatchling.build, not setuptools")
        in subject.notes
    )


class Hollow:
    @hookimpl
    def register_migrations(self) -> MigrationsLocation:
        return MigrationsLocation(owner="hollow", path=Path(__file__).parent / "hollow", table_prefix="hollow_")


def test_a_migrations_folder_without_its_env_and_template_is_named() -> None:
    assert findings(("hollow", Hollow()), rules=[wheel]) == [
        Finding(
            "hollow",
            "wheel",
            f"its migrations folder {Path(__file__).parent / 'hollow'} lacks env.py, script.py.mako, versions",
        ),
    ]
