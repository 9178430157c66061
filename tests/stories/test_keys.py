"""Actor keys: the same real-world actor has one key in every document that names it."""

from __future__ import annotations

import pytest

from communique import extract
from communique.records import Actor
from communique.stories import actor_key, actor_keys


@pytest.mark.parametrize(
    ("actor", "key"),
    [
        (Actor("d:a1", "China", "state", "CHN"), "CHN"),
        (Actor("d:a1", "Wang Yi", "person", "CHN", "GOV"), "wang yi|CHN"),
        (Actor("d:a1", "Antony J. Blinken", "person", "USA"), "antony blinken|USA"),
        (Actor("d:a1", "Mr. Ned Price", "person", "USA"), "ned price|USA"),
        (Actor("d:a1", "José Ramos-Horta", "person", "TLS"), "jose ramos-horta|TLS"),
        (Actor("d:a1", "Analysts", "person"), "analysts|-"),
        (Actor("d:a1", "the State Department", "organization", "USA"), "state department|USA"),
        (Actor("d:a1", "NATO", "organization", "IGO"), "nato|IGO"),
        (Actor("d:a1", "Kremlin", "organization", "RUS"), "kremlin|RUS"),
    ],
)
def test_actor_key(actor: Actor, key: str) -> None:
    assert actor_key(actor) == key


def test_a_group_is_keyed_by_its_members_in_any_order() -> None:
    us, nato = (
        Actor("d:a1", "United States", "state", "USA"),
        Actor("d:a2", "NATO", "organization", "IGO"),
    )
    group = Actor("d:a3", "the US and its NATO allies", "group", members=["d:a2", "d:a1"])
    keys = actor_keys([group, us, nato])
    assert keys == {"d:a1": "USA", "d:a2": "nato|IGO", "d:a3": "group:USA+nato|IGO"}


def test_one_person_written_two_ways_in_two_outlets_has_one_key() -> None:
    wire = extract("Foreign Minister Wang Yi of China said the talks were useful.", doc_id="w")
    paper = extract("“The talks were useful,” China’s foreign minister, Wang Yi, said.", doc_id="p")
    keys = [{a["name"]: a["key"] for a in record["actors"]} for record in (wire, paper)]
    assert keys[0]["Wang Yi"] == keys[1]["Wang Yi"] == "wang yi|CHN"
    assert all(a["key"] for record in (wire, paper) for a in record["actors"])
