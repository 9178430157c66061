"""The ``code`` fixture: a text through the whole pipeline (parse, actors, attribution, events)
as ``communique.pipeline.process`` runs it, its ``Doc`` made with ``nlp.make_doc`` and given
a document id and a publication date."""

from __future__ import annotations

import pytest
from event_cases import PUBLISHED, Code, Coded
from spacy.language import Language


@pytest.fixture(scope="session")
def code(nlp: Language) -> Code:
    """``code(text, published=PUBLISHED)``: the text's events, actors and statements (each
    text is run once per session)."""
    done: dict[tuple[str, str | None], Coded] = {}

    def run(text: str, published: str | None = PUBLISHED) -> Coded:
        if (text, published) not in done:
            doc = nlp.make_doc(text)
            doc._.doc_id = "t"
            doc._.published = published
            doc = nlp(doc)
            assert not doc._.failure, doc._.failure
            done[text, published] = Coded(
                text, list(doc._.events), list(doc._.actors), list(doc._.statements)
            )
        return done[text, published]

    return run
