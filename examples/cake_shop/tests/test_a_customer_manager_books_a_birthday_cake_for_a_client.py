URL = "/api/v1/plugins/cake_shop/deliveries"


async def test_a_customer_manager_books_a_cake_and_the_unit_lists_it(
    client, token_for, enable_plugin, seeded_network, booking
):
    await enable_plugin("cake_shop", "SB1")  # on at the Chaoyang sub-branch, so at OUT1 and OUT2
    gold = seeded_network.clients["gold", "OUT1"]
    manager = await token_for("customer_manager", "OUT1")

    answer = await client.post(URL, json=booking(gold), headers=manager)

    assert answer.status_code == 201, answer.text
    assert answer.json()["cake"] == "mango_mille_crepe" and answer.json()["unit"] == "OUT1"
    listed = (await client.get(URL, params={"unit": "SB1"}, headers=await token_for("sub_branch_head", "SB1"))).json()
    assert [(d["client"], d["greeting"]) for d in listed["items"]] == [(gold.public_id, "生日快乐，王女士")]
