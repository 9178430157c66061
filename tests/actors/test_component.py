"""The communique_actors component: record ids from doc._.doc_id, doc._.actors in order of
first mention, and a failure kept on the document instead of raised."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from communique.actors import component
from communique.records import Actor


def test_ids_follow_the_doc_id(actors_nlp: Language) -> None:
    text = "Chinese Foreign Minister Wang Yi spoke with his Russian counterpart."
    doc = actors_nlp.make_doc(text)
    doc._.doc_id = "wire-7"
    assert [a.id for a in actors_nlp(doc)._.actors] == ["wire-7:a1", "wire-7:a2"]
    assert [a.id for a in actors_nlp(text)._.actors] == ["doc:a1", "doc:a2"]


@pytest.mark.parametrize(
    "text, names",
    [
        pytest.param(
            "Washington and Beijing traded accusations over Taiwan on Tuesday.",
            ["United States", "China", "Taiwan"],
            id="states",
        ),
        pytest.param(
            "Moscow rejected the plan on Monday, and Sergei Lavrov said talks were over.",
            ["Russia", "Sergei Lavrov"],
            id="a-state-before-a-full-name",
            marks=pytest.mark.xfail(
                strict=True,
                reason="doc._.actors is in order of creation, and full names are resolved "
                "first: Sergei Lavrov comes before Russia (Moscow), named earlier",
            ),
        ),
    ],
)
def test_actors_in_order_of_first_mention(
    actors_of: Callable[[str], list[Actor]], text: str, names: list[str]
) -> None:
    assert [a.name for a in actors_of(text)] == names


def test_a_failure_is_kept_on_the_document(
    actors_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: Doc, doc_id: str) -> None:
        raise ValueError("no index")

    monkeypatch.setattr(component, "resolve_actors", broken)
    doc = actors_nlp("Sergei Lavrov arrived in Ankara.")
    assert doc._.actor_directory is None
    assert doc._.actors == []
    assert doc._.failure == "actor resolution failed: ValueError: no index"


def test_the_component_declares_what_it_assigns(actors_nlp: Language) -> None:
    meta = actors_nlp.get_pipe_meta("communique_actors")
    assert set(meta.assigns) == {"doc._.actor_directory", "doc._.actors"}
    assert actors_nlp.pipe_names[-1] == "communique_actors"
