import datetime as dt

import pytest

URL = "/api/v1/plugins/cake_shop/deliveries"


@pytest.mark.parametrize("days", [-7, 1])  # a day before the week, the day after the birthday
async def test_a_day_outside_the_week_up_to_the_birthday_is_refused(
    client, token_for, enable_plugin, seeded_network, booking, birthday, days
):
    await enable_plugin("cake_shop", "SB1")
    gold = seeded_network.clients["gold", "OUT1"]
    day = birthday(gold) + dt.timedelta(days=days)

    answer = await client.post(
        URL, json=booking(gold, deliver_on=day.isoformat()), headers=await token_for("customer_manager", "OUT1")
    )

    assert answer.status_code == 422, answer.text
    assert "deliver_on" in answer.text


async def test_six_days_before_the_birthday_is_the_first_day_allowed(
    client, token_for, enable_plugin, seeded_network, booking, birthday
):
    await enable_plugin("cake_shop", "SB1")
    gold = seeded_network.clients["gold", "OUT1"]
    day = birthday(gold) - dt.timedelta(days=6)
    answer = await client.post(
        URL, json=booking(gold, deliver_on=day.isoformat()), headers=await token_for("customer_manager", "OUT1")
    )
    assert answer.status_code == 201, answer.text
