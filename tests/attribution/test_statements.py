"""Attribution constructions one at a time, on short texts written for the tests."""

from __future__ import annotations

from typing import Any

import pytest

from communique import extract


def run(text: str) -> dict[str, Any]:
    return extract(text, doc_id="t")


def name(record: dict[str, Any], actor_id: str | None) -> str | None:
    return next((a["name"] for a in record["actors"] if a["id"] == actor_id), None)


def only(record: dict[str, Any]) -> dict[str, Any]:
    assert len(record["statements"]) == 1, record["statements"]
    return record["statements"][0]


def contents(statement: dict[str, Any]) -> list[str]:
    return [c["text"] for c in statement["content"]]


def test_colon_then_quote_in_the_next_paragraph() -> None:
    record = run(
        "Foreign Minister Ana Ruiz spoke to reporters in Lima. She said:\n"
        "“We will not sign this agreement.”\n"
    )
    statement = only(record)
    assert contents(statement) == ["We will not sign this agreement."]
    assert name(record, statement["speaker"]) == "Ana Ruiz"
    assert statement["kind"] == "direct"


def test_quote_then_dash_then_source() -> None:
    record = run("Talks resumed on Monday.\n“We have nothing to hide” — Ana Ruiz, on radio.\n")
    statement = only(record)
    assert statement["cue"] is None
    assert statement["source"]["text"] == "Ana Ruiz"
    assert statement["via"]["text"] == "radio"


def test_according_to_alone_attributes_the_sentence() -> None:
    record = run("The meeting lasted three hours, according to a senior Peruvian official.")
    statement = only(record)
    assert statement["kind"] == "according_to"
    assert contents(statement) == ["The meeting lasted three hours"]
    assert statement["source"]["text"] == "a senior Peruvian official"
    speaker = next(a for a in record["actors"] if a["id"] == statement["speaker"])
    assert speaker["country"] == "PER"


def test_according_to_a_document_is_the_channel_of_a_quote() -> None:
    record = run("“The door is open,” President Luis Arce said, according to a palace statement.")
    statement = only(record)
    assert statement["via"]["text"] == "a palace statement"
    assert name(record, statement["speaker"]) == "Luis Arce"


def test_quoted_as_saying() -> None:
    record = run("Prime Minister Ola Berg was quoted as saying that the vote would go ahead.")
    statement = only(record)
    assert statement["cue"]["text"] == "quoted as saying"
    assert contents(statement) == ["that the vote would go ahead"]
    assert name(record, statement["speaker"]) == "Ola Berg"


def test_quote_split_by_its_cue_is_one_statement() -> None:
    record = run("“We are ready,” said Ana Ruiz, “but not at any price.”")
    statement = only(record)
    assert contents(statement) == ["We are ready", "but not at any price."]
    assert name(record, statement["speaker"]) == "Ana Ruiz"


def test_inverted_cue_and_title() -> None:
    record = run("“The border stays closed,” said Defence Minister Oleg Marin.")
    statement = only(record)
    assert name(record, statement["speaker"]) == "Oleg Marin"
    assert statement["source"]["text"] == "Defence Minister Oleg Marin"


def test_she_is_the_spokeswoman_not_the_minister() -> None:
    record = run(
        "Foreign Minister Oleg Marin met his Moldovan counterpart on Friday. "
        "Ministry spokeswoman Irina Volk briefed reporters afterwards.\n"
        "“The talks were useful,” she said."
    )
    statement = only(record)
    assert name(record, statement["speaker"]) == "Irina Volk"


def test_surname_and_title_resolve_to_the_full_name() -> None:
    record = run(
        "Finance Minister Kenji Sato arrived in Paris on Monday.\n"
        "Sato said the yen was undervalued.\n"
        "The minister added that Japan would not intervene."
    )
    speakers = [name(record, s["speaker"]) for s in record["statements"]]
    assert speakers == ["Kenji Sato", "Kenji Sato"]


def test_told_and_urged_name_the_addressee() -> None:
    record = run(
        "Ana Ruiz told Oleg Marin that the deal was dead. She urged Moscow to withdraw its troops."
    )
    first, second = record["statements"]
    assert name(record, first["addressee"]) == "Oleg Marin"
    assert name(record, second["addressee"]) == "Russia"
    assert contents(second) == ["Moscow to withdraw its troops"]  # whom the demand is made of


def test_statement_read_resolves_to_the_issuer() -> None:
    record = run(
        "The Kremlin issued a statement after the call.\n"
        "“The sides agreed to stay in contact,” the statement read."
    )
    statement = only(record)
    assert name(record, statement["speaker"]) == "Kremlin"
    assert statement["via"]["text"] == "a statement"


@pytest.mark.parametrize(
    "text",
    [
        "Photo: AFP",
        "File photo: Reuters",
        "The talks are set to resume in Geneva on Monday.",
        "Much depends on Moscow's so-called “red lines”.",
        "The treaty, known as “New START”, expires in 2026.",
        "Macron spent two hours speaking to the Kremlin leader.",
        "The statement was published on the ministry's website.",
        "The readout made no mention of the Olympics.",
        "She asked not to be named.",
    ],
)
def test_no_statement_without_attribution(text: str) -> None:
    assert run(text)["statements"] == []


def test_quote_sentences_after_a_statement_continue_it() -> None:
    record = run(
        "“It is fiscally responsible,” said Leo Burman, an economist. "
        "“It does not make our problems worse.”\nThe plan has critics."
    )
    statement = only(record)
    assert contents(statement) == [
        "It is fiscally responsible",
        "It does not make our problems worse.",
    ]


def test_relative_pronoun_source_resolves_to_its_antecedent() -> None:
    record = run("The bill was backed by Senator Ana Ruiz, who said that it would pass.")
    statement = only(record)
    assert statement["source"]["text"] == "who"
    assert name(record, statement["speaker"]) == "Ana Ruiz"


def test_a_hope_is_a_belief_attribution() -> None:
    record = run("Beijing hopes that the Games will be a soft power triumph.")
    statement = only(record)
    assert statement["cue_class"] == "belief"
    assert contents(statement) == ["that the Games will be a soft power triumph"]
    assert name(record, statement["speaker"]) == "China"


def test_speech_is_labelled_speech() -> None:
    statement = only(run("“We will not back down,” the mayor said."))
    assert statement["cue_class"] == "speech"
