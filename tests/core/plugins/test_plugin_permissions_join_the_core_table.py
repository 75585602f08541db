"""Plugins add their own actions through ``register_permissions``; a plugin can neither
redefine an action nor grant it to a role that does not exist."""

from __future__ import annotations

import pytest

from core import hookimpl
from core.plugins import PluginRuntime, create_plugin_manager
from core.principal import PERMISSIONS, Principal
from core.types import Permission, UnitRef

HO = UnitRef(id=1, code="HO", name="总行", level="head_office", path="/1/")


class Granting:
    def __init__(self, *permissions: Permission) -> None:
        self.permissions = list(permissions)

    @hookimpl
    def register_permissions(self) -> list[Permission]:
        return self.permissions


def runtime_with(*permissions: Permission) -> PluginRuntime:
    return PluginRuntime(create_plugin_manager(discover=False, plugins=[("granting", Granting(*permissions))]))


def principal(role: str, runtime: PluginRuntime) -> Principal:
    return Principal(
        kind="staff", id="st_1", name="张三", roles=frozenset({role}), unit=HO, permissions=runtime.permissions
    )


def test_a_plugins_action_is_allowed_to_the_roles_it_names_and_no_other() -> None:
    runtime = runtime_with(Permission(action="granting.approve", roles=("outlet_head",)))
    assert principal("outlet_head", runtime).can("granting.approve")
    assert not principal("teller", runtime).can("granting.approve")
    assert principal("teller", runtime).can("clients.read"), "the core's actions stay in the table"


def test_an_action_nobody_registered_is_allowed_to_nobody_but_the_system() -> None:
    runtime = runtime_with()
    assert not principal("admin", runtime).can("granting.unknown")
    system = Principal(kind="system", id="touchstone", name="Touchstone", roles=frozenset({"admin"}), unit=HO)
    assert system.can("granting.unknown")


def test_a_plugin_may_not_redefine_a_core_action() -> None:
    runtime = runtime_with(Permission(action="clients.read", roles=("teller",)))
    with pytest.raises(ValueError, match="redefines permission 'clients.read'"):
        runtime.permissions
    assert "clients.read" in PERMISSIONS


def test_a_plugin_may_not_grant_an_action_to_a_role_that_does_not_exist() -> None:
    runtime = runtime_with(Permission(action="granting.approve", roles=("janitor",)))
    with pytest.raises(ValueError, match="unknown roles \\['janitor'\\]"):
        runtime.permissions


def test_the_installed_sample_plugins_action_reaches_the_apps_table() -> None:
    runtime = PluginRuntime(create_plugin_manager())
    assert "teller" in runtime.permissions["acme_lounge.record_visit"]
    assert "sub_branch_head" not in runtime.permissions["acme_lounge.record_visit"]
