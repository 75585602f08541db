"""The tutorial at the top of docs/plugins.md, run as a reader types it: ``touchstone plugin
new`` renders a distribution, pip installs it, ``touchstone migrate`` migrates it and its own
tests pass on the testing kit. The commands are the page's ``sh`` blocks marked
``<!-- tutorial -->``, so the page cannot rot.

Two things differ from a reader's machine, so the test leaves the environment running it
alone: ``pip install`` is a shell function installing into a folder of the test's (no
dependencies: Touchstone is already there) that ``PYTHONPATH`` puts on the path, so the
plugin's entry point is found as pip would make it; the data dir (the embedded database) is
the test's own. The rendered suite runs on SQLite, and on PostgreSQL too when this run has a
server configured. Then the autogenerate command the page names writes the next revision of
a changed model, naming the SDK's column type through ``core.sdk``, and ``migrate`` applies it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.testing import databases

DOCS = Path(__file__).parents[3] / "docs" / "plugins.md"
BLOCK = re.compile(r"<!-- tutorial -->\n```sh\n(.*?)```", re.DOTALL)
PIP = r"""
pip() {  # installs into $SITE instead of the environment running the test
  [ "$1" = install ] && shift
  local args=() a
  for a in "$@"; do case "$a" in -e) ;; *) args+=("${a%%\[*}") ;; esac; done
  python -m pip install -q --no-deps --target "$SITE" "${args[@]}"
}
"""
# TODO(touchstone plugin check): once the conformance command lands beside `plugin new`,
# the tutorial's last step (`touchstone plugin check bouquet`) joins the marked blocks.


def tutorial() -> str:
    blocks = BLOCK.findall(DOCS.read_text(encoding="utf-8"))
    assert blocks, "docs/plugins.md has no <!-- tutorial --> sh blocks"
    return "".join(blocks)


def environment(tmp_path: Path, pg_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "TOUCHSTONE_")) and k != "PYTHONPATH"}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
        SITE=str(tmp_path / "site"),
        PYTHONPATH=str(tmp_path / "site"),
        TOUCHSTONE_DATA_DIR=str(tmp_path / "data"),
        TOUCHSTONE_LANG="en",
        PYTEST_ADDOPTS="-p no:cacheprovider -p no:xdist",
    )
    if pg_url:
        env[databases.PG_ENV] = pg_url
    return env


def sh(script: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{script}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    return done.stdout + done.stderr


class Run:
    """The tutorial, run once for the module: where, with what environment, what it printed."""

    def __init__(self, where: Path, env: dict[str, str], out: str) -> None:
        self.where, self.env, self.out = where, env, out


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Run:
    commands = tutorial()
    for step in ("touchstone plugin new bouquet", "pip install", "touchstone migrate", "pytest"):
        assert step in commands
    where = tmp_path_factory.mktemp("tutorial")
    env = environment(where, databases.configured_url(request.config))
    return Run(where, env, sh(PIP + commands, where, env))


def test_the_tutorial_renders_installs_migrates_and_passes_its_own_tests(run: Run) -> None:
    assert "bouquet: applied 1 revision" in run.out
    assert re.search(r"│ bouquet +│ 0\.1\.0", run.out), run.out  # `touchstone plugins` lists it
    assert re.search(r"\b(3|6) passed\b", run.out), run.out  # SQLite, and PostgreSQL when configured


def test_the_documented_autogenerate_writes_the_next_revision_and_migrate_applies_it(run: Run) -> None:
    installed = run.where / "site" / "bouquet"
    models = installed / "models.py"
    models.write_text(
        models.read_text(encoding="utf-8")
        + "    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)\n",
        encoding="utf-8",
    )

    sh("touchstone plugin revision bouquet -m 'add the delivery date'", run.where, run.env)

    [revision] = (installed / "migrations" / "versions").glob("*_add_the_delivery_date.py")
    text = revision.read_text(encoding="utf-8")
    assert "import core.sdk" in text and "core.sdk.UTCDateTime()" in text and "core.db" not in text, text
    assert "bouquet: applied 1 revision" in sh("touchstone migrate", run.where, run.env)
