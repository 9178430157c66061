"""The actors stage alone on parsed text: the model, paragraph boundaries, communique_actors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from communique import nlp as nlp_module
from communique.actors import component as _actors  # noqa: F401 (its factory)
from communique.records import Actor

DOC_ID = "t"


@pytest.fixture(scope="session")
def actors_nlp() -> Language:
    """The installed English model with communique's paragraphs and actors components only
    (no attribution or events: what they add to the directory is not in these records)."""
    nlp = spacy.load(nlp_module.resolve_model_name())
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("communique_paragraphs", before="parser")
    else:
        nlp.add_pipe("communique_paragraphs", first=True)
    nlp.add_pipe("communique_actors", last=True)
    return nlp


@pytest.fixture(scope="session")
def parse(actors_nlp: Language) -> Callable[[str], Doc]:
    """Text -> the parsed ``Doc`` the actors stage has run on (actor ids ``t:a1``, ...)."""

    def run(text: str) -> Doc:
        doc = actors_nlp.make_doc(text)
        doc._.doc_id = DOC_ID
        return actors_nlp(doc)

    return run


@pytest.fixture(scope="session")
def actors_of(parse: Callable[[str], Doc]) -> Callable[[str], list[Actor]]:
    """Text -> ``doc._.actors``, the ``Actor`` records of the actors stage."""

    def run(text: str) -> list[Actor]:
        return list(parse(text)._.actors)

    return run
