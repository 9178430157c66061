"""A document's events (events/coder.py): ids in text order, each sentence its own evidence,
a protest's demands not coded apart from it, and contexts from the sentence's words."""

from __future__ import annotations

from event_cases import Code, Expect, check


def test_events_in_text_order_with_their_sentences(code: Code) -> None:
    coded = code(
        "Poland expelled 45 Russian diplomats on Wednesday. Russia condemned the expulsion."
    )
    assert [(e.id, e.doc_id, e.type, e.trigger.text) for e in coded.events] == [
        ("t:e1", "t", "SANCTION", "expelled"),
        ("t:e2", "t", "ACCUSE", "condemned"),
    ], coded.describe()
    first, second = coded.events
    assert first.evidence.text == "Poland expelled 45 Russian diplomats on Wednesday."
    assert second.evidence.text == "Russia condemned the expulsion."
    assert coded.codes(first.actors) == {"POL"} and coded.codes(second.actors) == {"RUS"}
    assert first.statement_id is None and second.statement_id is None


def test_a_protests_demands_are_its_topic(code: Code) -> None:
    """Manual, PROTEST: the topic of a protest, typically a REQUEST, is not coded apart."""
    coded = code("Serbian farmers rallied in Belgrade on Sunday and demanded higher subsidies.")
    check(coded, Expect("PROTEST", "rallied", mode="demo", actors={"SRB"}, date="2022-03-06"))


def test_contexts_from_the_sentence(code: Code) -> None:
    coded = code(
        "The European Union imposed new economic sanctions on Iran over its nuclear plans."
    )
    event = check(coded, Expect("SANCTION", "imposed", actors={"EUR"}, recipients={"IRN"}))
    assert set(event.context) == {"economic", "cbrn"}
