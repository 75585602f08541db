"""``touchstone plugin new NAME`` needs a name usable as a package, a table prefix, a URL
segment and an entry point (a lowercase Python identifier), and never writes over a folder
that already holds something."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main


@pytest.mark.parametrize("name", ["Cake_Shop", "cake-shop", "2cakes", "class", "蛋糕"])
def test_a_name_that_is_not_a_lowercase_identifier_is_refused_naming_it(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "plugin", "new", name, "--dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"'{name}' is not a lowercase Python identifier" in result.output
    assert not (tmp_path / "out").exists()


def test_a_folder_that_holds_something_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "plugin", "new", "cake_shop", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "exists and is not empty" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_good_name_renders_its_package_entry_point_and_first_revision(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["plugin", "new", "cake_shop", "--dir", str(tmp_path / "cake")])
    assert result.exit_code == 0, result.output
    assert 'cake_shop = "cake_shop"' in (tmp_path / "cake" / "pyproject.toml").read_text(encoding="utf-8")
    [revision] = (tmp_path / "cake" / "cake_shop" / "migrations" / "versions").glob("*_record_table.py")
    assert '"cake_shop_record"' in revision.read_text(encoding="utf-8")
    leftovers = [p for p in (tmp_path / "cake").rglob("*") if p.suffix == ".tmpl" or "$" in p.name]
    assert leftovers == []
