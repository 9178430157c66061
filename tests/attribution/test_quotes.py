"""Pairing quote marks the way news copy uses them."""

from __future__ import annotations

from communique.attribution.quotes import find_quotes


def texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.fragments] for q in find_quotes(text)]


def test_curly_and_straight_marks() -> None:
    text = '“We are ready,” she said. He replied: "Not yet."'
    assert texts(text) == [["We are ready,"], ["Not yet."]]


def test_angle_marks() -> None:
    assert texts("He called it «a provocation».") == [["a provocation"]]


def test_quote_over_several_sentences() -> None:
    text = "“One. Two? Three!” the minister said."
    assert texts(text) == [["One. Two? Three!"]]


def test_open_quote_per_paragraph_convention() -> None:
    text = "“First paragraph goes on.\n“Second paragraph ends here,” he said.\nAfter."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert [text[s:e] for s, e in quotes[0].fragments] == [
        "First paragraph goes on.",
        "Second paragraph ends here,",
    ]
    assert quotes[0].closed


def test_unbalanced_mark_closes_at_paragraph_end() -> None:
    text = 'Blinken said: "Diplomacy is on the table. Moscow must pick it up.\nNext paragraph.'
    quotes = find_quotes(text)
    assert [text[s:e] for s, e in quotes[0].fragments] == [
        "Diplomacy is on the table. Moscow must pick it up."
    ]
    assert not quotes[0].closed


def test_opener_inside_an_open_quote_starts_a_new_quote() -> None:
    text = "“Never closed, he said. Later “a new one” appears."
    assert texts(text) == [["Never closed, he said. Later"], ["a new one"]]


def test_single_quotes_and_apostrophes_are_left_alone() -> None:
    text = "“So-called ‘Russian aggression’ is Moscow's word,” he said."
    assert texts(text) == [["So-called ‘Russian aggression’ is Moscow's word,"]]


def test_inch_marks_are_not_quotes() -> None:
    assert texts('The screen measures 55" across.') == []


def test_offsets_exclude_the_marks() -> None:
    text = "He said “yes”."
    (quote,) = find_quotes(text)
    assert text[quote.open_mark] == "“" and text[quote.close_mark] == "”"
    assert (quote.start, quote.end) == (9, 12)


def test_doubled_apostrophes_are_quote_marks() -> None:
    text = "''This isn't reform,'' said the economist. ''It's anti-reform.''"
    assert texts(text) == [["This isn't reform,"], ["It's anti-reform."]]
    assert find_quotes(text)[0].outer_end == text.index(" said")
