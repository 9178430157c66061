"""The PolNeAR scorer (EVALUATION.md section 1) on small hand-made gold and predictions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.eval.polnear import (
    METRICS,
    Attribution,
    attribution,
    from_records,
    load_gold,
    parse_ann,
    score,
    trim,
)


def chars(start: int, end: int) -> frozenset[int]:
    return frozenset(range(start, end))


def plain(
    content: tuple[int, int],
    cue: tuple[int, int] = (100, 104),
    source: tuple[int, int] | None = None,
) -> Attribution:
    """An attribution from offset ranges, without texts (no quote, no pronoun)."""
    return Attribution(chars(*cue), chars(*content), chars(*source) if source else None)


def where(text: str, phrase: str) -> list[tuple[int, int]]:
    """The fragment of the first whole-word occurrence of ``phrase``."""
    match = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    assert match, phrase
    return [match.span()]


def one_document(gold: list[Attribution], predicted: list[Attribution]) -> dict:
    return score({"doc": ("", gold)}, {"doc": predicted}, resamples=50)["metrics"]


# --- trimming --------------------------------------------------------------------------------


def trimmed(text: str) -> str:
    start, end = trim(text, 0, len(text))
    return text[start:end]


def test_trim_strips_whitespace_punctuation_and_quote_marks() -> None:
    assert trimmed(" \n“Hello, world.” — ") == "Hello, world"
    assert trimmed("«‘it’s»") == "it’s"
    assert trimmed("'Brexit means Brexit'...\u00a0") == "Brexit means Brexit"
    assert trimmed("said:") == "said"
    assert trimmed(" : ―") == ""
    assert trim("He said it.", 3, 7) == (3, 7)


def test_a_span_made_only_of_punctuation_is_kept_whole() -> None:
    text = "Trump: “We will win.”"
    colon = attribution(text, cue=[(5, 6)], content=where(text, "“We will win.”"), source=None)
    assert colon.cue == chars(5, 6)
    assert colon.content == chars(8, 19)  # We will win


# --- perfect, sources, thresholds, greedy ----------------------------------------------------

TEXT = "“We will win,” he said. The minister argued taxes would fall. She thinks so too."


def mixed_gold() -> list[Attribution]:
    t = TEXT
    return [
        attribution(t, where(t, "said"), where(t, "“We will win,”"), where(t, "he")),
        attribution(t, where(t, "argued"), where(t, "taxes would fall."), where(t, "The minister")),
        attribution(t, where(t, "thinks"), where(t, "so too"), None),
    ]


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    gold = mixed_gold()
    report = score({"doc": (TEXT, gold)}, {"doc": list(gold)})
    assert (report["documents"], report["gold"], report["predicted"]) == (1, 3, 3)
    assert report["missing"] == 0
    assert set(report["metrics"]) == set(METRICS)
    for metric, result in report["metrics"].items():
        assert (result["p"], result["r"], result["f1"]) == (1.0, 1.0, 1.0), metric
        assert result["ci"] == {"p": [1.0, 1.0], "r": [1.0, 1.0], "f1": [1.0, 1.0]}, metric


def test_sources_absent_on_both_sides_are_right_and_a_spurious_source_is_wrong() -> None:
    gold = [plain((0, 10))]
    assert one_document(gold, [plain((0, 10))])["attribution"]["f1"] == 1.0
    wrong = one_document(gold, [plain((0, 10), source=(20, 22))])
    assert wrong["content"]["f1"] == 1.0  # matched
    assert wrong["attribution"]["f1"] == 0.0  # but not a true positive
    missing = one_document([plain((0, 10), source=(20, 22))], [plain((0, 10))])
    assert missing["attribution"]["f1"] == 0.0
    overlapping = one_document([plain((0, 10), source=(20, 30))], [plain((0, 10), source=(29, 35))])
    assert overlapping["attribution"]["f1"] == 1.0


@pytest.mark.parametrize(
    ("predicted", "matched"),
    [
        ((0, 5), True),  # 5 shared ≥ 0.5·10
        ((0, 4), False),  # 4 shared < 0.5·10
        ((0, 20), True),  # 10 shared ≥ 0.5·20
        ((0, 21), False),  # 10 shared < 0.5·21
        ((10, 20), False),  # touching, nothing shared
    ],
)
def test_the_half_of_the_longer_content_threshold(
    predicted: tuple[int, int], matched: bool
) -> None:
    metrics = one_document([plain((0, 10))], [plain(predicted)])
    assert metrics["content"]["r"] == (1.0 if matched else 0.0)


def test_greedy_one_to_one_matching_takes_the_larger_overlap() -> None:
    gold = [plain((0, 10))]
    for predicted in ([plain((0, 8)), plain((0, 10))], [plain((0, 10)), plain((0, 8))]):
        metrics = one_document(gold, predicted)
        assert (metrics["attribution"]["p"], metrics["attribution"]["r"]) == (0.5, 1.0)
    # Two gold, one prediction qualifying for both: only one is matched.
    metrics = one_document([plain((0, 10)), plain((4, 14))], [plain((2, 12))])
    assert (metrics["content"]["p"], metrics["content"]["r"]) == (1.0, 0.5)


def test_equal_overlaps_go_to_the_pair_whose_source_is_right() -> None:
    gold = [plain((0, 10), source=(20, 25))]
    predicted = [plain((0, 10), source=(40, 45)), plain((0, 10), source=(20, 25))]
    assert one_document(gold, predicted)["attribution"]["r"] == 1.0


def test_discontinuous_gold_content_is_the_union_of_its_fragments() -> None:
    text = "Taxes, he said, would fall."
    ann = (
        "T1\tContent 0 5;16 27\tTaxes would fall.\nT2\tSource 7 9\the\nT3\tCue 10 14\tsaid\n"
        "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\n"
    )
    (gold,) = parse_ann(text, ann)
    assert gold.content == chars(0, 5) | chars(16, 26)  # trimmed: no comma, no full stop
    both = attribution(text, where(text, "said"), [(0, 5), (16, 26)], where(text, "he"))
    assert one_document([gold], [both])["strict"]["f1"] == 1.0
    whole = attribution(text, where(text, "said"), [(0, 26)], where(text, "he"))  # 15 of 26
    metrics = one_document([gold], [whole])
    assert metrics["attribution"]["f1"] == 1.0
    assert metrics["strict"]["f1"] == 0.0


def test_the_source_of_an_e_line() -> None:
    text = "Taxes, he said, would fall."
    spans = "T1\tContent 0 5\tTaxes\nT2\tSource 7 9\the\nT3\tCue 10 14\tsaid\n"
    sources = [
        parse_ann(text, spans + f"E1\t{arguments}\n")[0].source
        for arguments in (
            "Attribution:T3 Cue:T3 Source:T2 Content:T1",
            "Attribution:T3 Cue:T3 Content:T1",  # an Attribution line without its Source
            "Attribution-no-source:T3 Cue:T3 Content:T1",
            "Attribution-no-source:T3 Cue:T3 Source:T2 Content:T1",  # the type wins
        )
    ]
    assert sources == [chars(7, 9), None, None, None]
    assert parse_ann(text, spans + "E1\tAttribution-no-source:T3 \n") == []  # no content


# --- soft content, cues, strict --------------------------------------------------------------


def test_soft_content_precision_and_recall_by_hand() -> None:
    gold = {"a": ("", [plain((0, 10)), plain((20, 30))]), "b": ("", [])}
    predicted = {
        "a": [plain((5, 15)), plain((20, 25)), plain((40, 50))],
        "b": [plain((0, 4))],
    }
    report = score(gold, predicted, resamples=0)
    assert score(gold, {"a": predicted["a"]}, resamples=0)["missing"] == 1
    soft = report["metrics"]["content_soft"]
    # precision: (5/10 + 5/5 + 0 + 0) / 4 predictions; recall: (5/10 + 5/10) / 2 gold
    assert soft["p"] == pytest.approx(0.375)
    assert soft["r"] == pytest.approx(0.5)
    assert soft["f1"] == pytest.approx(2 * 0.375 * 0.5 / 0.875)


def test_cue_exact_and_any_overlap() -> None:
    gold = [plain((0, 10), cue=(10, 14)), plain((20, 30), cue=(40, 44))]
    predicted = [plain((0, 10), cue=(6, 14)), plain((20, 30), cue=(40, 44)), plain((50, 60))]
    predicted[2] = Attribution(frozenset(), chars(50, 60), None)  # no cue: not scored as a cue
    metrics = one_document(gold, predicted)
    assert (metrics["cue_exact"]["p"], metrics["cue_exact"]["r"]) == (0.5, 0.5)
    assert (metrics["cue_overlap"]["p"], metrics["cue_overlap"]["r"]) == (1.0, 1.0)


def test_strict_needs_cue_content_and_source_all_exact() -> None:
    gold = [plain((0, 10), cue=(10, 14), source=(20, 25))]
    assert one_document(gold, [plain((0, 10), (10, 14), (20, 25))])["strict"]["f1"] == 1.0
    for near in (
        plain((0, 10), (10, 14), (20, 26)),
        plain((0, 10), (10, 15), (20, 25)),
        plain((0, 9), (10, 14), (20, 25)),
        plain((0, 10), (10, 14), None),
    ):
        metrics = one_document(gold, [near])
        assert metrics["strict"]["f1"] == 0.0
        assert metrics["content"]["f1"] == 1.0


# --- breakdowns and the bootstrap ------------------------------------------------------------


def test_breakdowns_by_quote_mark_and_pronoun_source() -> None:
    t = TEXT
    quoted_he, minister, _ = mixed_gold()
    gold = [quoted_he, minister]
    predicted = [
        quoted_he,  # matched, source right
        attribution(t, where(t, "argued"), where(t, "taxes would fall"), where(t, "She")),
        attribution(t, where(t, "thinks"), where(t, "so too"), where(t, "She")),  # spurious
    ]
    metrics = one_document(gold, predicted)
    pr = {name: (metrics[name]["p"], metrics[name]["r"]) for name in metrics}
    assert pr["attribution"] == (1 / 3, 1 / 2)
    assert pr["attribution_quote"] == (1.0, 1.0)
    assert pr["attribution_no_quote"] == (0.0, 0.0)
    assert pr["attribution_pronoun_source"] == (1 / 3, 1.0)  # he, She, She; gold: he
    assert pr["attribution_other_source"] == (0.0, 0.0)  # none predicted; gold: The minister
    assert quoted_he.quoted and quoted_he.pronoun_source
    assert not minister.quoted and not minister.pronoun_source


def test_a_content_is_quoted_with_or_without_its_quote_marks() -> None:
    text = "“We will win,” he said. It is “dead”. Taxes will fall. “Next,” she said."
    for phrase, quoted in [
        ("“We will win,”", True),
        ("We will win", True),  # the marks touch its ends
        ("dead", True),
        ("It is “dead”", True),
        ("Taxes will fall", False),  # ". “" is not touching: a space comes first
        ("it’s", False),
    ]:
        text_here = text if phrase != "it’s" else "He said it’s late."
        content = attribution(text_here, [], where(text_here, phrase), None)
        assert content.quoted is quoted, phrase


def test_the_bootstrap_interval_holds_the_estimate_and_is_deterministic() -> None:
    gold, predicted = {}, {}
    for n in range(12):
        gold[f"doc{n:02}"] = ("", [plain((0, 10)), plain((20, 30)), plain((40, 50))])
        hits = [plain((0, 10)), plain((40, 50))][: 1 + n % 2]  # one or two right
        predicted[f"doc{n:02}"] = hits + [plain((60, 70))] * (n % 3)  # and 0-2 wrong
    report = score(gold, predicted, resamples=200, seed=0)
    assert report == score(gold, predicted, resamples=200, seed=0)
    assert report != score(gold, predicted, resamples=200, seed=1)
    for result in report["metrics"].values():
        for key in ("p", "r", "f1"):
            low, high = result["ci"][key]
            assert low <= result[key] <= high
    low, high = report["metrics"]["attribution"]["ci"]["f1"]
    assert low < high
    json.dumps(report)


# --- brat gold -------------------------------------------------------------------------------

ARTICLE = (
    "Voters are angry\nand tired, the poll found. “We will win,” he said, “and fast.” "
    "Officials signalled a deal. Read more."
)


def article_ann(text: str = ARTICLE) -> str:
    """Gold for ARTICLE; T1's text field runs over two lines, as brat writes it."""

    def t(n: int, kind: str, phrase: str) -> str:
        ((start, end),) = where(text, phrase)
        return f"T{n}\t{kind} {start} {end}\t{phrase}\n"

    return (
        t(1, "Content", "Voters are angry\nand tired,")
        + t(2, "Source", "the poll")
        + t(3, "Cue", "found")
        + t(4, "Attribution", "found")
        + "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
        + t(5, "Content", "“We will win,”")
        + t(6, "Content", "“and fast.”")
        + t(7, "Source", "he")
        + t(8, "Cue", "said")
        + t(9, "Attribution", "said")
        + "E2\tAttribution:T9 Source:T7 Cue:T8 Content:T5 Content2:T6\n"
        + t(10, "Content", "a deal")
        + t(11, "Cue", "signalled")
        + t(12, "Attribution", "signalled")
        + "E3\tAttribution-no-source:T12 Cue:T11 Content:T10\n"
        + t(13, "Discard", "Read more.")
        + "#1\tAnnotatorNotes T13\tboilerplate\n"
    )


def write_split(root: Path, name: str, text: str, anns: dict[str, str]) -> None:
    (root / "dev" / "text").mkdir(parents=True, exist_ok=True)
    (root / "dev" / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "dev" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, ann in anns.items():
        path = root / "dev" / "attributions" / f"{name}_{annotator}.ann"
        path.write_text(ann, encoding="utf-8")


def test_brat_parsing(tmp_path: Path) -> None:
    ann = article_ann()
    assert "\nand tired,\nT2\t" in ann
    write_split(tmp_path, "wire_2016_story", ARTICLE, {"4e07": ann})
    gold = load_gold(tmp_path, "dev")
    text, (poll, quote, deal) = gold["wire_2016_story"]
    assert text == ARTICLE

    def of(offsets: frozenset[int] | None) -> str:
        return "".join(text[i] for i in sorted(offsets or ()))

    assert of(poll.content) == "Voters are angry\nand tired" and of(poll.source) == "the poll"
    assert of(quote.content) == "We will winand fast"  # union of Content and Content2
    assert of(quote.source) == "he" and of(quote.cue) == "said"
    assert quote.quoted and quote.pronoun_source
    assert deal.source is None and of(deal.cue) == "signalled"  # Attribution-no-source


def test_the_annotator_id_that_sorts_first_is_the_gold(tmp_path: Path) -> None:
    text = "He said it works."
    first = "T1\tCue 3 7\tsaid\nT2\tContent 8 17\tit works.\nE1\tAttribution:T1 Cue:T1 Content:T2\n"
    write_split(tmp_path, "a_b_c", text, {"d473": "", "4b22": first, "6b86": ""})
    ((_, attributions),) = load_gold(tmp_path, "dev").values()
    assert [a.content for a in attributions] == [chars(8, 16)]
    with pytest.raises(ValueError, match="split"):
        load_gold(tmp_path, "test")


def test_polnear_dev_loads_and_every_span_lies_in_its_text(shared: Path) -> None:
    data = shared / "data" / "polnear"
    if not data.is_dir():
        pytest.skip(f"PolNeAR not found at {data}")
    gold = load_gold(data, "dev")
    assert len(gold) == 84
    assert sum(len(attributions) for _, attributions in gold.values()) > 2000
    for text, attributions in gold.values():
        for a in attributions:
            assert a.content
            for offsets in (a.cue, a.content, a.source or frozenset()):
                assert all(0 <= i < len(text) for i in offsets)


# --- predictions and the command -------------------------------------------------------------


def test_from_records_trims_spans_and_a_missing_cue_is_empty() -> None:
    text = "“We will win,” he said."
    record = {
        "doc_id": "doc",
        "statements": [
            {
                "cue": None,
                "content": [{"start": 0, "end": 14, "text": "“We will win,”"}],
                "source": {"start": 15, "end": 17, "text": "he"},
            }
        ],
    }
    other = {"doc_id": "elsewhere", "statements": record["statements"]}
    predicted = from_records([record, other], {"doc": text})
    assert list(predicted) == ["doc"]
    (statement,) = predicted["doc"]
    assert statement.cue == frozenset()
    assert statement.content == chars(1, 12)
    assert statement.source == chars(15, 17) and statement.pronoun_source


def test_the_command_scores_predictions_and_reports_missing_data(tmp_path: Path) -> None:
    write_split(tmp_path, "story", ARTICLE, {"4e07": article_ann()})
    win = ARTICLE.index("We will win")
    statement = {
        "cue": {"start": ARTICLE.index("said"), "end": ARTICLE.index("said") + 4, "text": "said"},
        "content": [{"start": win, "end": win + 11, "text": "We will win"}],
        "source": {"start": ARTICLE.index("he said"), "end": ARTICLE.index("he said") + 2},
    }
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text(json.dumps({"doc_id": "story", "statements": [statement]}) + "\n")
    runner = CliRunner()
    args = ["eval", "polnear", "--data", str(tmp_path), "--predictions", str(predictions)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["documents"], report["gold"], report["predicted"]) == (1, 3, 1)
    assert report["metrics"]["attribution"]["p"] == 1.0
    assert report["metrics"]["attribution"]["r"] == pytest.approx(1 / 3)
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "attribution (headline)" in result.stdout
    result = runner.invoke(app, ["eval", "polnear", "--data", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "not found" in result.stderr
