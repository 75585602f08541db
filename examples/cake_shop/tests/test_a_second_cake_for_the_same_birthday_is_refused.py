URL = "/api/v1/plugins/cake_shop/deliveries"


async def test_a_second_cake_for_the_same_birthday_is_a_conflict(
    client, token_for, enable_plugin, seeded_network, booking, birthday
):
    await enable_plugin("cake_shop", "SB1")
    gold = seeded_network.clients["gold", "OUT2"]
    manager = await token_for("customer_manager", "OUT2")
    assert (await client.post(URL, json=booking(gold), headers=manager)).status_code == 201

    again = await client.post(URL, json=booking(gold, cake="black_forest"), headers=manager)

    assert again.status_code == 409, again.text
    assert again.json()["client"] == gold.public_id
