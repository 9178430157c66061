"""Training the event model (train/events.py) and converting CAMEO (train/cameo.py), on small
inputs written for the tests: the conversion, the weak labels, the split by template, the
fit, and a model file that is the same byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest

from communique.events import model as event_model
from communique.train import cameo, events

DICTIONARY = """\
####### SYNONYM SETS #######

&ENVOY
+AMBASSADOR
+ENVOY

####### VERB PATTERNS #######

---  RECALL   [---]  ---
RECALL
- * &ENVOY                                            [161]         # RECALL
- * (TO CAPITAL)                                      [---]         # RECALL

---  HOLD   [---]  ---
HOLD {HOLDS HELD HOLDING}
- * {JOINT EXERCISES}                                 [062:062]     # HOLD

---  APPEAL   [020]  ---
APPEAL
+CALL_OFF [160]

######## TRANSFORMATIONS ##########
"""
MAPPING = """\
06: COOPERATE
062: COOPERATE,   ,   military # Cooperate militarily
16: SANCTION
160: SANCTION,   ,  # Reduce relations
161: SANCTION, withdraw,   diplomatic      # Reduce or break diplomatic relations
"""


@pytest.fixture
def rows(tmp_path: Path) -> list[cameo.Row]:
    (tmp_path / "cameo.txt").write_text(DICTIONARY, encoding="latin-1")
    (tmp_path / "map.txt").write_text(MAPPING, encoding="utf-8")
    return cameo.convert(tmp_path / "cameo.txt", tmp_path / "map.txt")


def test_cameo_patterns_become_rows(rows: list[cameo.Row]) -> None:
    found = {(r.lemma, r.particle, r.pos, r.post): (r.type, r.mode) for r in rows}
    assert found[("recall", "", "VERB", ())] == ("NONE", "")
    assert found[("recall", "", "VERB", ("ambassador|envoy",))] == ("SANCTION", "withdraw")
    assert found[("hold", "", "VERB", ("joint", "exercise"))] == ("COOPERATE", "")
    assert found[("exercise", "", "NOUN", ("joint",))] == ("COOPERATE", "")  # a light verb's
    assert found[("appeal", "", "VERB", ())] == ("REQUEST", "")  # CAMEO 02: an appeal
    assert found[("call", "off", "VERB", ())] == ("SANCTION", "")


def test_codes_map_by_their_longest_known_prefix() -> None:
    table = {"16": ("SANCTION", ""), "161": ("SANCTION", "withdraw")}
    assert cameo.to_plover("1612", table) == ("SANCTION", "withdraw")
    assert cameo.to_plover(":161", table) == ("SANCTION", "withdraw")
    assert cameo.to_plover("---", table) == ("NONE", "")
    assert cameo.to_plover("012", table) == ("NONE", "")
    assert cameo.to_plover("99", table) is None


def test_the_lexicon_file_reads_back(rows: list[cameo.Row], tmp_path: Path) -> None:
    out = tmp_path / "cameo.tsv"
    cameo.write(rows, out)
    text = out.read_text(encoding="utf-8")
    assert "Copyright (c) 2014 Open Event Data" in text and "MIT" in text
    assert len([line for line in text.splitlines() if not line.startswith("#")]) == len(rows) + 1


def test_cameo_phrases_are_examples_without_priors(rows: list[cameo.Row]) -> None:
    examples = events.cameo_examples(rows)
    recall = next(e for e in examples if e.candidate.object == "ambassador")
    assert recall.label == "SANCTION" and recall.candidate.cameo is None
    assert recall.candidate.rule is None


def _story(template: str, label: str) -> events.Story:
    return events.Story(template, label, "", "headline", "lead")


def test_the_split_is_by_template_never_by_row() -> None:
    stories = [_story(f"{label} {n}", label) for label in ("AID", "ASSAULT") for n in range(10)]
    stories *= 12  # twelve stories a template, as in the synthetic set
    train, validation = events.split_templates(stories)
    assert not train & validation
    assert len(validation) == 4  # a fifth of each label's ten templates
    assert events.split_templates(stories) == (train, validation)  # a fixed seed


def test_headlines_lose_their_capitals() -> None:
    template = "Rebels in {country_1} Lay Down Arms"
    assert (
        events.sentence_case("Rebels in South Sudan Lay Down Arms", template)
        == "Rebels in South Sudan lay down arms"
    )
    assert events.sentence_case("UN Says Talks Will Resume") == "UN says talks will resume"
    assert events.sentence_case("Another Headline", template) == "Another Headline"


def test_weak_labels_of_a_sentence(nlp) -> None:
    doc = nlp("Police arrested dozens of students after the rally in the capital.")
    examples = events.label_sentence(next(doc.sents), "COERCE", "arrest", "synthetic")
    labels = {e.candidate.lemma: (e.label, e.weight) for e in examples}
    assert labels["arrest"] == ("COERCE", 1.0)
    assert labels["rally"] == ("NONE", 0.5)  # the story's event is the arrest


def test_a_sentence_whose_label_no_candidate_has_teaches_nothing(nlp) -> None:
    doc = nlp("Police arrested dozens of students.")
    assert events.label_sentence(next(doc.sents), "AID", "", "synthetic") == []


def test_the_written_sentences_parse(nlp) -> None:
    rows = events.read_sentences()
    assert len(rows) > 200
    assert {r[0] for r in rows} == {*event_model.TYPES, event_model.NONE}
    examples = events.written_examples(nlp, rows[:20])
    assert [e.label for e in examples] == [r[0] for r in rows[:20]]


def test_news_sentences_label_their_trigger_and_the_rest_none(nlp) -> None:
    rows = [
        events.NewsSentence(
            "COERCE",
            "arrest",
            "arrested",
            "Police arrested dozens of students after the rally in the capital.",
        ),
        events.NewsSentence(None, "", "attack", "Liverpool's attack looked blunt on Sunday."),
    ]
    examples = events.news_examples(nlp, rows)
    labels = {e.candidate.lemma: (e.label, e.weight) for e in examples}
    assert labels["arrest"] == ("COERCE", 2.0)
    assert labels["rally"] == ("NONE", 1.0)  # not the sentence's event
    assert labels["attack"] == ("NONE", 1.0)  # the tempting word of a sentence with none


def test_the_news_sentences_parse(nlp) -> None:
    rows = events.read_news()
    assert len(rows) >= 800
    assert {r.type for r in rows} == {*event_model.TYPES, None}
    examples = events.news_examples(nlp, rows[:20])
    assert sum(e.label != event_model.NONE for e in examples) == 20  # one trigger each


def test_fit_is_deterministic_and_separates() -> None:
    x = numpy.asarray([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]] * 5)
    y = numpy.asarray([0, 1] * 5)
    weight = numpy.ones(10)
    first = events.fit(x, y, weight, 2, iterations=100)
    assert numpy.array_equal(first, events.fit(x, y, weight, 2, iterations=100))
    assert (event_model.softmax(x @ first).argmax(axis=1) == y).all()


def test_balanced_weights_give_each_class_the_same_total() -> None:
    weights = events.balanced(["A", "A", "A", "B"], [1.0, 1.0, 1.0, 1.0])
    assert weights[:3].sum() == pytest.approx(weights[3])


def test_scores_count_sentence_type_pairs() -> None:
    result = events.scores(["AID", "AID", "ASSAULT"], [{"AID"}, set(), {"AID", "ASSAULT"}])
    assert result["types"]["AID"]["p"] == 0.5 and result["types"]["AID"]["r"] == 0.5
    assert result["types"]["ASSAULT"]["f1"] == 1.0
    assert result["macro_f1"] == pytest.approx(0.75)


def test_the_model_file_is_the_same_byte_for_byte(tmp_path: Path) -> None:
    arrays = {
        "words": numpy.asarray(["a", "b"]),
        "vectors": numpy.ones((2, 4), dtype=numpy.float16),
        "add_threshold": numpy.asarray(0.5),
    }
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    events.write_model(arrays, first)
    events.write_model(arrays, second)
    assert first.read_bytes() == second.read_bytes()
    with numpy.load(first) as back:
        assert list(back["words"]) == ["a", "b"]


def test_precision_of_events_against_their_sentences_labels() -> None:
    events_found = [{("AID", 0), ("ASSAULT", 9)}, set(), {("AID", 3)}]
    assert events.precision(["AID", "AID", "ASSAULT"], events_found) == pytest.approx(1 / 3)
    assert events.precision(["AID"], [set()]) == 1.0  # nothing added lowers nothing


def test_the_fallback_threshold_gives_most_sentences_an_event_within_tolerance(
    monkeypatch,
) -> None:
    """Of the thresholds within the tolerance of the best macro-F1, the lowest."""
    macro = {0.2: 0.79, 0.3: 0.805, 0.4: 0.798, 0.5: 0.70, 0.6: 0.60, 1.01: 0.50}

    class Model:
        add_threshold = retype_threshold = veto_threshold = fallback_threshold = 0.0

    model = Model()
    # the coder's "predictions" are the threshold it ran with; their score, macro[threshold]
    monkeypatch.setattr(events, "coder_predictions", lambda docs, m: [m.fallback_threshold])
    monkeypatch.setattr(events, "scores", lambda gold, found: {"macro_f1": macro[found[0]]})
    chosen = events._choose_fallback(model, [], [], events.Thresholds(1.01, 0.9, 1.01))
    assert chosen == events.Thresholds(1.01, 0.9, 1.01, fallback=0.3)
    assert (model.add_threshold, model.retype_threshold) == (1.01, 0.9)


def _eight_grams(text: str) -> set[str]:
    words = text.lower().split()
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


def test_no_training_sentence_shares_eight_words_with_a_measured_one() -> None:
    # Writers paraphrasing the same real events wrote near-copies of held-out sentences;
    # such training sentences would lift the held-out numbers, so none may stay.
    root = Path(__file__).resolve().parents[2]
    measured = [*root.glob("benchmarks/data/*/*.jsonl")]
    gold = root.parent / "shared" / "data" / "plover_gsr" / "dev.jsonl"
    measured += [gold] if gold.exists() else []
    held: set[str] = set()
    for path in measured:
        for line in path.read_text(encoding="utf-8").splitlines():
            held |= _eight_grams(json.loads(line)["text"])
    shared = [r.text for r in events.read_news() if _eight_grams(r.text) & held]
    assert shared == []
