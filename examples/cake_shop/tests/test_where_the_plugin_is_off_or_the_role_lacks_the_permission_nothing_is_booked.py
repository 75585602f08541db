URL = "/api/v1/plugins/cake_shop/deliveries"


async def test_a_client_of_a_unit_where_it_is_off_gets_no_cake(
    client, token_for, enable_plugin, seeded_network, booking
):
    await enable_plugin("cake_shop", "SB1")  # on in Chaoyang, off in Haidian (OUT3)
    elsewhere = seeded_network.clients["gold", "OUT3"]

    answer = await client.post(URL, json=booking(elsewhere), headers=await token_for("admin", "HO"))

    assert answer.status_code == 404, answer.text
    assert answer.json()["plugin"] == "cake_shop" and answer.json()["unit"] == "OUT3"


async def test_a_teller_may_not_book(client, token_for, enable_plugin, seeded_network, booking):
    await enable_plugin("cake_shop", "SB1")
    gold = seeded_network.clients["gold", "OUT1"]
    answer = await client.post(URL, json=booking(gold), headers=await token_for("teller", "OUT1"))
    assert answer.status_code == 403, answer.text
