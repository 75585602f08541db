"""Fixtures for the perks programme's tests: the app of the testing kit (which discovers
the plugin like any installed one) and a :class:`Programme` that switches it on, fills the
catalogue, sets rules and opens clients through the HTTP API, as a bank's staff would."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from core.testing import TokenFactory

API = "/api/v1/plugins/vip_benefits"
ASSETS = {"private_banking": "7000000", "gold": "900000", "silver": "60000", "mass": "1000"}
LOUNGE = {
    "code": "airport_lounge",
    "name": "机场贵宾厅",
    "fulfilment": "voucher",
    "provider": "merchant",
    "merchant_code": "acme",
    "merchant_name": "ACME Lounges",
    "unit_cost": "180.00",
    "cancel_window_hours": 24,
}
SALON = {"code": "wealth_salon", "name": "财富沙龙", "fulfilment": "booking", "cancel_window_hours": 48}
CAKE = {"code": "birthday_cake", "name": "生日蛋糕", "fulfilment": "on_the_spot", "unit_cost": "88.50"}


class Programme:
    """The plugin as a branch network uses it, through the API."""

    def __init__(self, client: AsyncTestClient, token_for: TokenFactory) -> None:
        self.client = client
        self.token_for = token_for
        self._keys = itertools.count(1)
        self.headers: dict[str, dict[str, str]] = {}

    async def as_(self, role: str, unit: str = "HO") -> dict[str, str]:
        """Headers of a (cached) member of staff with ``role`` at ``unit``."""
        if (role, unit) not in self.headers:
            self.headers[(role, unit)] = await self.token_for(role, unit)  # type: ignore[index]
        return self.headers[(role, unit)]  # type: ignore[index]

    async def switch(self, unit: str, enabled: bool = True) -> None:
        answer = await self.client.put(
            f"/api/v1/units/{unit}/plugins/vip_benefits",
            json={"enabled": enabled, "reason": "试点"},
            headers=await self.as_("admin"),
        )
        assert answer.status_code == 200, answer.text

    async def settings(self, unit: str, **values: Any) -> None:
        answer = await self.client.put(
            f"/api/v1/units/{unit}/plugins/vip_benefits/settings",
            json={"values": values, "reason": "配置"},
            headers=await self.as_("admin"),
        )
        assert answer.status_code == 200, answer.text

    async def perk(self, body: dict[str, Any], *, unit: str = "HO") -> dict[str, Any]:
        answer = await self.client.post(
            f"{API}/perks", params={"unit": unit}, json=body, headers=await self.as_("head_office_service")
        )
        assert answer.status_code == 201, answer.text
        return answer.json()

    async def rules(self, unit: str, *rules: dict[str, Any], clear: list[dict[str, str]] | None = None) -> Any:
        answer = await self.client.patch(
            f"{API}/units/{unit}/entitlements",
            json={"reason": "年度礼遇方案", "set": list(rules), "clear": clear or []},
            headers=await self.as_("head_office_service"),
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    async def open_client(self, tier: str = "gold", unit: str = "OUT1", **fields: Any) -> str:
        body = {
            "kind": "retail",
            "name": "钱多多",
            "unit": unit,
            "reason": "开户",
            "state": "active",
            "assets_under_management": ASSETS[tier],
            **fields,
        }
        answer = await self.client.post("/api/v1/clients", json=body, headers=await self.as_("customer_manager", unit))
        assert answer.status_code == 201 and answer.json()["tier"] == tier, answer.text
        return answer.json()["id"]

    async def set_tier(self, client: str, tier: str) -> None:
        answer = await self.client.put(
            f"/api/v1/clients/{client}/tier", json={"tier": tier, "reason": "季度重评"}, headers=await self.as_("admin")
        )
        assert answer.status_code == 200, answer.text

    async def redeem(
        self,
        client: str,
        perk: str = "airport_lounge",
        *,
        by: tuple[str, str] = ("teller", "OUT1"),
        key: str | None = None,
        **body: Any,
    ) -> Any:
        """POST a redemption as staff ``by`` (role, unit) with a fresh (or the given) key."""
        headers = {**await self.as_(*by), "Idempotency-Key": key or f"key-{next(self._keys)}"}
        return await self.client.post(
            f"{API}/redemptions", json={"client": client, "perk": perk, **body}, headers=headers
        )

    async def balance(self, client: str, by: tuple[str, str] = ("teller", "OUT1")) -> dict[str, Any]:
        """Per perk code, the client's balance (and the whole answer under ``"_"``)."""
        answer = await self.client.get(f"{API}/clients/{client}/balance", headers=await self.as_(*by))
        assert answer.status_code == 200, answer.text
        return {p["perk"]: p for p in answer.json()["perks"]} | {"_": answer.json()}

    async def left(self, client: str, perk: str = "airport_lounge") -> int | None:
        found = (await self.balance(client)).get(perk)
        return found["left"] if found else None


@pytest.fixture
def vip(client: AsyncTestClient, token_for: TokenFactory) -> Programme:
    return Programme(client, token_for)


@pytest.fixture
async def lounge(vip: Programme) -> Programme:
    """The programme on at the Chaoyang sub-branch (SB1: outlets OUT1, OUT2), an airport lounge
    perk with 3 uses a year and one companion for gold clients, set at the sub-branch."""
    await vip.switch("SB1")
    await vip.perk(LOUNGE, unit="SB1")
    await vip.rules("SB1", {"perk": "airport_lounge", "tier": "gold", "quota": 3, "companions": 1})
    return vip


def at_local(*args: int) -> dt.datetime:
    """A China Standard Time moment, as the aware UTC instant the clock holds."""
    return dt.datetime(*args, tzinfo=dt.timezone(dt.timedelta(hours=8))).astimezone(dt.UTC)
