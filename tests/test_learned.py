"""The learned frame model: counting frames against gold, and using the table."""

from __future__ import annotations

from communique.attribution.learned import FrameStat, best_frame
from communique.train.frames import count_frames


def _chars(text: str, phrase: str) -> frozenset[int]:
    start = text.index(phrase)
    return frozenset(range(start, start + len(phrase)))


def test_a_frame_counts_when_content_and_source_match(nlp) -> None:
    text = "The senator praised the new law. The dog praised nothing."
    with nlp.select_pipes(disable=["communique_attribution"]):
        doc = nlp(text)
    gold = [(_chars(text, "the new law"), _chars(text, "The senator"))]
    cue = set(_chars(text, "praised"))
    positive, total = count_frames(doc, gold, cue, quoted=set())
    assert total[("praise", "dobj")] == 2
    assert positive[("praise", "dobj")] == 1


def test_a_wrong_source_is_not_a_positive(nlp) -> None:
    text = "The senator praised the new law."
    with nlp.select_pipes(disable=["communique_attribution"]):
        doc = nlp(text)
    gold = [(_chars(text, "the new law"), None)]  # gold says: no source
    positive, total = count_frames(doc, gold, set(_chars(text, "praised")), quoted=set())
    assert total[("praise", "dobj")] == 1 and positive[("praise", "dobj")] == 0


def test_best_frame_needs_support_and_a_high_enough_estimate(nlp) -> None:
    with nlp.select_pipes(disable=["communique_attribution"]):
        doc = nlp("The senator praised the new law.")
    verb = doc[2]
    rare = {("praise", "dobj"): FrameStat("praise", "dobj", 2, 2)}  # too little support
    common = {("praise", "dobj"): FrameStat("praise", "dobj", 60, 100)}
    weak = {("praise", "dobj"): FrameStat("praise", "dobj", 5, 100)}
    assert best_frame(verb, rare) is None
    assert best_frame(verb, weak) is None
    relation, child, estimate = best_frame(verb, common)
    assert (relation, child.text) == ("dobj", "law")
    assert estimate == 60 / 103  # smoothed with three unseen misses
