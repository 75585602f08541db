"""Redeeming (or booking) a perk for the client of the 360° view: choose the perk by name
from what the client's balance offers, say how many companions (and, for a booking, when),
confirm, and the plugin's redemption route answers with what is left, or with the problem
(quota used up, no entitlement at this unit) in the person's language.

The second OK is the confirmation: the first shows what will be redeemed and waits, so a
quota is never used by a slip of the Enter key. Each confirmed attempt carries its own
``Idempotency-Key``, so a request the network lost is answered once when sent again.
"""

from __future__ import annotations

import datetime as dt
import uuid

from textual.widgets import Input, Static

from console.sdk import ApiClient, Choice, FormField, FormModal, Parsed, PickField
from core.sdk import CHINA_TZ, china_day
from plugins.vip_benefits.i18n import _
from plugins.vip_benefits.schemas import BalanceOut, Redeemed, RedemptionIn
from plugins.vip_benefits.screens.checks import whole

ROUTE = "/plugins/vip_benefits"


def parse_when(text: str) -> dt.datetime | None:
    """``2026-12-04 18:30`` in China time, blank → ``None``; ``ValueError`` naming the form."""
    if not text.strip():
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=CHINA_TZ)
    except ValueError:
        raise ValueError(_("a China time as YYYY-MM-DD HH:MM")) from None


class RedeemForm(FormModal[str]):
    """The redemption form of one client; dismisses with a sentence saying what was done."""

    def __init__(self, api: ApiClient, client_id: str) -> None:
        self.api = api
        self.client_id = client_id
        self.confirming = False
        self.balance: BalanceOut | None = None
        super().__init__(
            _("Redeem a perk"),
            [
                PickField(_("Perk"), "perk", self.perks, title=_("Which perk?")),
                FormField(_("Companions"), "companions", value="0", validators=[whole(10_000)]),
                FormField(
                    _("When (booking)"),
                    "scheduled_for",
                    validators=[Parsed(parse_when)],
                    placeholder=_("YYYY-MM-DD HH:MM, China time; bookings only"),
                ),
                FormField(_("Note"), "note", placeholder=_("optional")),
            ],
            self.redeem,
            note=_("Choose the perk; OK shows what will be redeemed, OK again redeems it."),
        )

    async def perks(self, text: str) -> list[Choice]:
        """The perks the client's balance lists, found by part of their name or code."""
        self.balance = await self.api.get(f"{ROUTE}/clients/{self.client_id}/balance", BalanceOut)
        return [
            Choice(p.perk, p.name, _("{left} of {quota} left").format(left=p.left, quota=p.quota))
            for p in self.balance.perks
            if text in p.name or text in p.perk
        ]

    def on_pick_field_picked(self, _event: PickField.Picked) -> None:
        self.reconsider()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.reconsider()

    def reconsider(self) -> None:
        """A change after the question was shown asks it again."""
        if self.confirming:
            self.confirming = False
            self.query_one(".dialog-note", Static).update(self.note)

    async def action_save(self) -> None:
        if self.confirming:
            await super().action_save()
            return
        if all(f.check() for f in self.fields):
            perk = next(f for f in self.fields if isinstance(f, PickField)).choice
            assert perk is not None
            values = self.values()
            question = _("Redeem {perk} for {client} with {companions} companions? OK again to redeem.").format(
                perk=perk.name, client=self.client_id, companions=values["companions"]
            )
            self.query_one(".dialog-note", Static).update(question)
            self.confirming = True

    async def redeem(self, values: dict[str, str]) -> str:
        body = RedemptionIn(
            client=self.client_id,
            perk=values["perk"],
            companions=int(values["companions"]),
            scheduled_for=parse_when(values["scheduled_for"]),  # type: ignore[arg-type]
            note=values["note"] or None,
        )
        self.confirming = False
        answer = await self.api.post(
            f"{ROUTE}/redemptions", Redeemed, body, headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        perk = next(f for f in self.fields if isinstance(f, PickField)).choice
        return _("Redeemed {perk}: {left} of {quota} left, renews {day}").format(
            perk=perk.name if perk else answer.redemption.perk,
            left=answer.left,
            quota=answer.quota,
            day=china_day(answer.window_end),
        )
