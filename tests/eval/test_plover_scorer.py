"""The PLOVER event scorer (EVALUATION.md section 2) on small hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.eval.plover import (
    GoldEvent,
    code,
    codes_of,
    evaluate,
    load_gold,
    score,
    sector,
)


def gold_event(
    doc_id: str,
    type: str,
    source: dict[str, tuple[str | None, ...]],
    target: tuple[str, ...] = (),
) -> GoldEvent:
    """A gold event; ``source`` maps code -> the sectors of its actors (None unknown)."""
    return GoldEvent(
        id=doc_id,
        text="",
        type=type,
        source=frozenset(source),
        target=frozenset(target),
        source_sectors=source,
    )


def actor(
    actor_id: str,
    country: str | None,
    sector: str | None = None,
    kind: str = "state",
    members: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": actor_id,
        "kind": kind,
        "country": country,
        "sector": sector,
        "aliases": [],
        "roles": [],
        "mentions": [],
        "members": list(members),
    }


def event(type: str, actors: tuple[str, ...], recipients: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "id": f"e-{type}",
        "type": type,
        "mode": None,
        "context": [],
        "actors": list(actors),
        "recipients": list(recipients),
        "date": None,
        "negated": False,
        "future": False,
        "hypothetical": False,
        "trigger": {"start": 0, "end": 1, "text": "x"},
        "evidence": {"start": 0, "end": 1, "text": "x"},
        "statement_id": None,
    }


def record(doc_id: str, events: list[dict], actors: list[dict]) -> dict[str, Any]:
    return {
        "schema": 1,
        "doc_id": doc_id,
        "text": "",
        "statements": [],
        "actors": actors,
        "events": [{**e, "doc_id": doc_id} for e in events],
    }


USA, RUS, GBR = actor("usa", "USA"), actor("rus", "RUS"), actor("gbr", "GBR")


def metrics(gold: list[GoldEvent], records: list[dict]) -> dict[str, Any]:
    return score(gold, {r["doc_id"]: r for r in records}, resamples=50)["metrics"]


def prf(result: dict[str, Any]) -> tuple[float, float, float]:
    return (result["p"], result["r"], result["f1"])


# --- the metrics -----------------------------------------------------------------------------


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    gold = [
        gold_event("s1", "AGREE", {"USA": ("GOV",), "RUS": (None,)}, ("GBR",)),
        gold_event("s2", "ASSAULT", {"RUS": ("MIL",)}),
    ]
    records = [
        record(
            "s1",
            [event("AGREE", ("usa", "rus"), ("gbr",))],
            [actor("usa", "USA", "GOV"), RUS, GBR],
        ),
        record("s2", [event("ASSAULT", ("army",))], [actor("army", "RUS", "MIL")]),
    ]
    report = score(gold, {r["doc_id"]: r for r in records})
    assert (report["sentences"], report["predicted_events"], report["missing"]) == (2, 2, 0)
    for name in ("event_type", "actor_code", "recipient_code"):
        result = report["metrics"][name]
        assert prf(result) == (1.0, 1.0, 1.0), name
        assert result["ci"] == {"p": [1.0, 1.0], "r": [1.0, 1.0], "f1": [1.0, 1.0]}, name
    for name in ("full_event", "sector"):
        assert report["metrics"][name]["accuracy"] == 1.0, name
        assert report["metrics"][name]["ci"] == [1.0, 1.0], name
    assert report["metrics"]["sector"]["total"] == 2  # RUS in s1 has no known gold sector
    assert report["per_type"]["AGREE"] == {
        "gold": 1,
        "predicted": 1,
        "correct": 1,
        "p": 1.0,
        "r": 1.0,
        "f1": 1.0,
    }
    assert report["confusion"] == {"AGREE": {"AGREE": 1}, "ASSAULT": {"ASSAULT": 1}}
    json.dumps(report)


def test_extra_predicted_types_lower_precision_and_show_in_the_breakdowns() -> None:
    gold = [gold_event("s1", "AGREE", {"USA": ()}), gold_event("s2", "REJECT", {"USA": ()})]
    records = [
        record("s1", [event("AGREE", ("usa",)), event("REJECT", ("usa",))], [USA]),
        record("s2", [], []),
    ]
    report = score(gold, {r["doc_id"]: r for r in records}, resamples=50)
    assert prf(report["metrics"]["event_type"]) == pytest.approx((0.5, 0.5, 0.5))
    assert report["per_type"]["AGREE"]["p"] == 1.0
    assert (report["per_type"]["REJECT"]["predicted"], report["per_type"]["REJECT"]["p"]) == (1, 0)
    assert report["confusion"] == {"AGREE": {"AGREE": 1, "REJECT": 1}, "REJECT": {"(none)": 1}}
    # two events of one type are one (sentence, type) pair
    twice = record("s1", [event("AGREE", ("usa",)), event("AGREE", ("usa",))], [USA])
    assert prf(metrics(gold[:1], [twice])["event_type"]) == (1.0, 1.0, 1.0)


def test_actors_come_only_from_predicted_events_of_the_gold_type() -> None:
    gold = [gold_event("s1", "AGREE", {"USA": (), "RUS": ()})]
    both = record(
        "s1", [event("AGREE", ("usa",)), event("REJECT", ("rus", "gbr"))], [USA, RUS, GBR]
    )
    assert prf(metrics(gold, [both])["actor_code"]) == pytest.approx((1.0, 0.5, 2 / 3))
    wrong_type = record("s1", [event("REJECT", ("usa", "rus"))], [USA, RUS])
    result = metrics(gold, [wrong_type])["actor_code"]
    assert (result["correct"], result["predicted"], result["gold"]) == (0, 0, 2)
    # actors of several events of the gold type are pooled
    split = record(
        "s1", [event("AGREE", ("usa",)), event("AGREE", ("rus", "gbr"))], [USA, RUS, GBR]
    )
    assert prf(metrics(gold, [split])["actor_code"]) == pytest.approx((2 / 3, 1.0, 0.8))


def test_group_actors_expand_to_their_members() -> None:
    actors = {
        a["id"]: a
        for a in (
            actor("fra", "FRA"),
            actor("deu", "DEU"),
            actor("eu", "EUR", kind="organization"),
            actor("allies", None, kind="group", members=("fra", "deu", "nobody")),
            actor("bloc", "IGO", kind="group"),  # a group without members keeps its own code
            actor("anon", None, kind="person"),
        )
    }
    allies = event("AGREE", ("allies", "anon", "ghost"), ("eu", "bloc"))
    assert codes_of(allies, actors, "actors") == {"FRA", "DEU"}
    assert codes_of(allies, actors, "recipients") == {"IGO"}  # EUR normalised
    with pytest.raises(ValueError, match="role"):
        codes_of(allies, actors, "sources")
    gold = [gold_event("s1", "AGREE", {"FRA": (), "DEU": ()})]
    predicted = record("s1", [allies], list(actors.values()))
    assert metrics(gold, [predicted])["full_event"]["accuracy"] == 1.0


def test_codes_and_sectors_are_normalised_on_both_sides(tmp_path: Path) -> None:
    assert [code(c) for c in ("JAP", "ITL", "VTN", "UNO", "EUR", "usa", "", None)] == [
        "JPN",
        "ITA",
        "VNM",
        "IGO",
        "IGO",
        "USA",
        None,
        None,
    ]
    assert [sector(s) for s in ("REBkur", "CVLtur", "CIV", "CIVsrp", "***", "", None, "UNK")] == [
        "REB",
        "CVL",
        "CVL",
        "CVL",
        None,
        None,
        None,
        None,
    ]
    rows = [
        {
            "id": "s1",
            "text": "Japan talked to the UN.",
            "plover2_event": "CONSULT",
            "source": [{"actorText": "Japan", "code": "JAP", "sector": "GOVjpn"}],
            "target": [{"actorText": "UN", "code": "IGO"}],
            "context": "diplomatic, economic",
        },
        {"id": "s2", "text": "Bombs fell.", "plover2_event": "ASSAULT", "target": ""},
        {"id": "s3", "text": "x", "plover2_event": "AGREE", "source": [], "target": "diplomatic"},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    gold = load_gold(path)
    assert gold[0] == GoldEvent(
        id="s1",
        text="Japan talked to the UN.",
        type="CONSULT",
        source=frozenset({"JPN"}),
        target=frozenset({"IGO"}),
        source_sectors={"JPN": ("GOV",)},
        context=("diplomatic", "economic"),
    )
    assert [(g.source, g.target, g.context) for g in gold[1:]] == [
        (frozenset(), frozenset(), ())
    ] * 2
    predicted = record(
        "s1",
        [event("CONSULT", ("japan",), ("un",))],
        [actor("japan", "JAP", "GOV"), actor("un", "UNO", "GOV", kind="organization")],
    )
    result = metrics(gold[:1], [predicted])
    assert result["full_event"]["accuracy"] == 1.0
    assert result["sector"]["accuracy"] == 1.0
    path.write_text('{"id": "s1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:1: needs"):
        load_gold(path)


def test_full_event_accuracy_with_and_without_a_gold_target() -> None:
    gold = [
        gold_event("right", "ACCUSE", {"USA": ()}, ("RUS",)),
        gold_event("wrong recipient", "ACCUSE", {"USA": ()}, ("RUS",)),
        gold_event("no recipient", "ACCUSE", {"USA": ()}, ("RUS",)),
        gold_event("split over events", "ACCUSE", {"USA": ()}, ("RUS",)),
        gold_event("no gold target", "ACCUSE", {"USA": ()}),
        gold_event("extra actor", "ACCUSE", {"USA": ()}),
    ]
    actors = [USA, RUS, GBR]
    records = [
        record("right", [event("ACCUSE", ("usa",), ("rus",))], actors),
        record("wrong recipient", [event("ACCUSE", ("usa",), ("gbr",))], actors),
        record("no recipient", [event("ACCUSE", ("usa",))], actors),
        record(
            "split over events",
            [event("ACCUSE", ("usa",)), event("ACCUSE", ("gbr",), ("rus",))],
            actors,
        ),
        record("no gold target", [event("ACCUSE", ("usa",), ("gbr",))], actors),
        record("extra actor", [event("ACCUSE", ("usa", "gbr"))], actors),
    ]
    result = metrics(gold, records)
    full = result["full_event"]
    assert (full["correct"], full["total"]) == (2, 6)  # "right" and "no gold target"
    # recipients: gold pairs only where gold has a target; predicted pairs everywhere
    recipients = result["recipient_code"]
    assert (recipients["correct"], recipients["predicted"], recipients["gold"]) == (2, 4, 4)
    # a sentence without any source in gold needs an event with no actor codes
    sourceless = [gold_event("s", "ASSAULT", {}, ("IRQ",))]
    iraq = actor("irq", "IRQ")
    hit = record("s", [event("ASSAULT", ("gunmen",), ("irq",))], [actor("gunmen", None), iraq])
    miss = record("s", [event("ASSAULT", ("usa",), ("irq",))], [USA, iraq])
    assert metrics(sourceless, [hit])["full_event"]["accuracy"] == 1.0
    assert metrics(sourceless, [miss])["full_event"]["accuracy"] == 0.0


def test_sector_accuracy_over_matched_gold_actors_with_a_known_sector() -> None:
    gold = [
        gold_event("s1", "AGREE", {"SDN": ("GOV", "REB"), "USA": (None,), "GBR": ("GOV",)}),
        gold_event("s2", "AGREE", {"RUS": ("MIL",)}),
    ]
    records = [
        record(
            "s1",
            [event("AGREE", ("khartoum", "usa")), event("REJECT", ("uk",))],
            [actor("khartoum", "SDN", "GOVsdn"), USA, actor("uk", "GBR", "GOV")],
        ),
        record("s2", [event("AGREE", ("army",))], [actor("army", "RUS", "CIV")]),
    ]
    sectors = metrics(gold, records)["sector"]
    # SDN/GOV right, SDN/REB wrong; USA has no gold sector; GBR is not predicted in an
    # AGREE event; RUS/MIL wrong
    assert (sectors["correct"], sectors["total"]) == (1, 3)
    assert sectors["accuracy"] == pytest.approx(1 / 3)
    records[0]["actors"].append(actor("splm", "SDN", "REB", kind="organization"))
    records[0]["events"][0]["actors"].append("splm")
    assert metrics(gold, records)["sector"]["correct"] == 2


def test_a_sentence_without_a_record_has_no_predictions() -> None:
    gold = [gold_event("s1", "AGREE", {"USA": ()}), gold_event("s2", "AGREE", {"USA": ()})]
    predicted = {"s1": record("s1", [event("AGREE", ("usa",))], [USA]), "other": {}}
    report = score(gold, predicted, resamples=50)
    assert report["missing"] == 1
    assert prf(report["metrics"]["event_type"]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert report["metrics"]["full_event"]["accuracy"] == 0.5
    assert report["confusion"]["AGREE"] == {"(none)": 1, "AGREE": 1}


def test_the_bootstrap_is_deterministic_and_holds_the_estimate() -> None:
    gold, records = [], {}
    for n in range(12):
        doc_id = f"s{n:02}"
        gold.append(gold_event(doc_id, "AGREE", {"USA": ("GOV",)}, ("RUS",) if n % 2 else ()))
        events = [event("AGREE" if n % 3 else "REJECT", ("usa", "gbr")[: 1 + n % 2], ("rus",))]
        records[doc_id] = record(doc_id, events, [actor("usa", "USA", "GOV"), RUS, GBR])
    report = score(gold, records, resamples=200, seed=0)
    assert report == score(gold, records, resamples=200, seed=0)
    assert report != score(gold, records, resamples=200, seed=1)
    for name, result in report["metrics"].items():
        if "ci" in result and isinstance(result["ci"], dict):
            for key in ("p", "r", "f1"):
                low, high = result["ci"][key]
                assert low <= result[key] <= high, (name, key)
        else:
            low, high = result["ci"]
            assert low <= result["accuracy"] <= high, name
    for name in ("event_type", "actor_code", "recipient_code"):
        low, high = report["metrics"][name]["ci"]["f1"]
        assert low < high, name
    low, high = report["metrics"]["full_event"]["ci"]
    assert low < high


# --- the gold file, evaluate and the command -------------------------------------------------


def test_plover_dev_loads_164_sentences_with_normalised_codes(shared: Path) -> None:
    path = shared / "data" / "plover_gsr" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"PLOVER gold not found at {path}")
    gold = {g.id: g for g in load_gold(path)}
    assert len(gold) == 164
    codes = {c for g in gold.values() for c in g.source | g.target}
    assert not codes & {"JAP", "ITL", "VTN", "UNO", "EUR"}
    assert all(len(c) == 3 and c.isupper() for c in codes)
    assert gold["PLOVER-GSR01-CONSULT-0005"].target == {"JPN"}
    assert gold["PLOVER-GSR01-SANCTION-0001"].source == {"ITA"}
    assert gold["PLOVER-GSR01-FIGHT-0002"].source == {"VNM"}
    assert gold["PLOVER-GSR01-AGREE-0031"].source_sectors == {"SDN": ("GOV", "REB")}
    assert gold["PLOVER-GSR01-AGREE-0007"].target == frozenset()  # its target is "diplomatic"
    sectors = {s for g in gold.values() for ss in g.source_sectors.values() for s in ss}
    assert all(s is None or (len(s) == 3 and s.isupper()) for s in sectors)
    assert not sectors & {"***", "CIV"}
    assert sum(bool(g.target) for g in gold.values()) == 147


GOLD_ROWS = [
    {
        "id": "g1",
        "text": "Libya agreed to hand two men to Britain.",
        "plover2_event": "AGREE",
        "source": [{"actorText": "Libya", "code": "LBY"}],
        "target": [{"actorText": "Britain", "code": "GBR"}],
        "context": "terrorism",
    },
    {
        "id": "g2",
        "text": "Russia rejected the plan.",
        "plover2_event": "REJECT",
        "source": [{"actorText": "Russia", "code": "RUS", "sector": "GOV"}],
        "target": "",
    },
]


def write_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in GOLD_ROWS), encoding="utf-8")
    return path


def test_evaluate_scores_given_records(tmp_path: Path) -> None:
    path = write_gold(tmp_path)
    records = [
        record("g1", [event("AGREE", ("lby",), ("gbr",))], [actor("lby", "LBY"), GBR]),
        record("elsewhere", [event("AGREE", ("usa",))], [USA]),
    ]
    report = evaluate(path, records=records, resamples=20)
    assert (report["sentences"], report["missing"], report["predicted_events"]) == (2, 1, 1)
    assert report["metrics"]["full_event"]["accuracy"] == 0.5


def test_the_command_scores_predictions_and_reports_missing_data(tmp_path: Path) -> None:
    path = write_gold(tmp_path)
    predictions = tmp_path / "predictions.jsonl"
    lby = record("g1", [event("AGREE", ("lby",), ("gbr",))], [actor("lby", "LBY"), GBR])
    predictions.write_text(json.dumps(lby) + "\n", encoding="utf-8")
    runner = CliRunner()
    args = ["eval", "plover", "--data", str(path), "--predictions", str(predictions)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["metrics"]["full_event"] == {
        "accuracy": 0.5,
        "ci": report["metrics"]["full_event"]["ci"],
        "correct": 1,
        "total": 2,
    }
    assert "1 of 2 sentences have no record" in result.stderr
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "full-event accuracy (headline)" in result.stdout and "REJECT" in result.stdout
    for bad in (
        ["eval", "plover", "--data", str(tmp_path / "none.jsonl")],
        [*args[:4], "--predictions", str(tmp_path / "none.jsonl")],
    ):
        result = runner.invoke(app, bad)
        assert result.exit_code == 2
        assert result.stderr.strip().count("\n") == 0 and "communique: error:" in result.stderr


def test_first_event_type_and_sentences_without_an_event() -> None:
    """The sentence-level measure: the first event told must have the gold type."""
    gold = [
        gold_event("first right", "SANCTION", {"USA": ()}),
        gold_event("first wrong", "SANCTION", {"USA": ()}),
        gold_event("nothing", "SANCTION", {"USA": ()}),
    ]
    usa = actor("usa", "USA")
    later = event("SANCTION", ("usa",))
    later["trigger"] = {"start": 9, "end": 12, "text": "cut"}
    records = [
        record("first right", [event("SANCTION", ("usa",)), event("ACCUSE", ("usa",))], [usa]),
        record("first wrong", [later, event("ACCUSE", ("usa",))], [usa]),
        record("nothing", [], [usa]),
    ]
    result = metrics(gold, records)
    assert (result["first_event"]["correct"], result["first_event"]["total"]) == (1, 3)
    assert (result["no_event"]["correct"], result["no_event"]["total"]) == (1, 3)
    assert result["event_type"]["r"] == pytest.approx(2 / 3)


def test_a_member_state_takes_its_group_sector() -> None:
    gold = [gold_event("s", "AGREE", {"HUN": ("GOV",), "ROU": ("GOV",)})]
    officials = actor("officials", "HUN", "GOV", kind="group", members=("hun", "rou"))
    records = [
        record(
            "s",
            [event("AGREE", ("officials",))],
            [officials, actor("hun", "HUN"), actor("rou", "ROU")],
        )
    ]
    result = metrics(gold, records)
    assert (result["sector"]["correct"], result["sector"]["total"]) == (2, 2)
    assert result["full_event"]["accuracy"] == 1.0
