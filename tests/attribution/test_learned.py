"""The learned frame model: counting frames against gold, and using the table."""

from __future__ import annotations

from communique.attribution.learned import FrameStat, best_frame
from communique.attribution.settings import AttributionSettings
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


def test_how_far_frames_are_trusted_is_a_setting(nlp) -> None:
    with nlp.select_pipes(disable=["communique_attribution"]):
        verb = nlp("The senator praised the new law.")[2]
    table = {("praise", "dobj"): FrameStat("praise", "dobj", 3, 3)}
    assert best_frame(verb, table) is None  # support 3 < 4
    assert best_frame(verb, table, AttributionSettings(frame_min_support=3)) is not None
    strict = AttributionSettings(frame_min_support=3, frame_threshold=0.6)
    assert best_frame(verb, table, strict) is None  # 3 / (3 + 3) = 0.5
    trusting = AttributionSettings(frame_min_support=3, frame_prior_negatives=0)
    assert best_frame(verb, table, trusting)[2] == 1.0
