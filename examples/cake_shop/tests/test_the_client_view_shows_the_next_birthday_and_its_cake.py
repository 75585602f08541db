URL = "/api/v1/plugins/cake_shop/deliveries"


def cake_section(view):
    return next(s for s in view["sections"] if s["plugin"] == "cake_shop")


async def test_the_view_shows_the_birthday_then_the_booked_cake(
    client, token_for, enable_plugin, seeded_network, booking, birthday
):
    await enable_plugin("cake_shop", "SB1")
    gold = seeded_network.clients["gold", "OUT1"]
    manager = await token_for("customer_manager", "OUT1")
    view = f"/api/v1/clients/{gold.public_id}/view"

    before = cake_section((await client.get(view, headers=manager)).json())
    assert before["title"] == "生日蛋糕"
    assert before["data"] == {"next_birthday": birthday(gold).isoformat(), "booked": None}

    await client.post(URL, json=booking(gold), headers=manager)
    after = cake_section((await client.get(view, headers=manager)).json())
    assert after["data"]["booked"]["cake"] == "mango_mille_crepe"


async def test_where_the_plugin_is_off_the_view_has_no_cake_section(client, token_for, enable_plugin, seeded_network):
    await enable_plugin("cake_shop", "SB1")
    elsewhere = seeded_network.clients["gold", "OUT3"]
    view = (
        await client.get(
            f"/api/v1/clients/{elsewhere.public_id}/view", headers=await token_for("customer_manager", "OUT3")
        )
    ).json()
    assert all(s["plugin"] != "cake_shop" for s in view["sections"])
