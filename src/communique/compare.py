"""Compare: the stories of a few documents, each with its parties' accounts and where they
diverge, without a store (``communique compare``, ``communique.compare``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.language import Language

from communique.pipeline import process
from communique.records import Account, Divergence, Document, Failure, Story
from communique.stories.divergence import Canonical
from communique.stories.linking import link
from communique.stories.tell import tell
from communique.stories.topics import merge


def compare(
    documents: Iterable[Document],
    nlp: Language | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    canonical: Canonical = merge,
) -> list[dict[str, Any]]:
    """The stories of ``documents``: each story's record with its ``accounts`` (party, its
    readouts, its statements and reported omissions) and ``divergence`` (each topic, the
    parties that carry it, leave it out, or are said to leave it out, with evidence);
    ``canonical`` merges the topics' synonyms (by default with sentence embeddings)."""
    pairs = list(process(documents, nlp, on_failure=on_failure))
    records = {record["doc_id"]: record for _, record in pairs}
    published = {document.id: document.published for document, _ in pairs}
    stories = tell(link(records.values(), published), records, canonical)
    return [report(story, records) for story in stories]


def report(story: Story, records: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """A told story as JSON, every statement and omission of its accounts and divergence
    given with its document, speaker, text and offsets, so that each can be checked against
    the article; ``records`` by doc_id, holding the story's documents."""
    return {
        **story.to_dict(),
        "accounts": [_account(a, records) for a in story.accounts],
        "divergence": [_divergence(d, records) for d in story.divergence],
        "alignments": [
            {
                "left": _item(records, a.left),
                "right": _item(records, a.right),
                "similarity": round(a.similarity, 3),
            }
            for a in story.alignments
        ],
    }


def _item(records: Mapping[str, dict[str, Any]], item_id: str) -> dict[str, Any]:
    doc_id = item_id.rsplit(":", 1)[0]
    record = records[doc_id]
    names = {a["id"]: a["name"] for a in record["actors"]}
    for statement in record["statements"]:
        if statement["id"] == item_id:
            return {
                "doc_id": doc_id,
                "statement_id": item_id,
                "speaker": names.get(statement["speaker"] or ""),
                "via_actor": names.get(statement["via_actor"] or ""),
                "content": statement["content"],
                "topics": statement.get("topics") or [],
            }
    omission = next(o for o in record["omissions"] if o["id"] == item_id)
    return {
        "doc_id": doc_id,
        "omission_id": item_id,
        "party": names.get(omission["party"] or ""),
        "topic": omission["topic"],
        "evidence": omission["evidence"],
    }


def _account(account: Account, records: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "party": account.party,
        "documents": account.documents,
        "statements": [_item(records, ref) for ref in account.statements],
        "omissions": [_item(records, ref) for ref in account.omissions],
        "topics": account.topics,
        "narration": [n.to_dict() for n in account.narration],
    }


def _divergence(found: Divergence, records: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "topic": found.topic,
        "carried_by": found.carried_by,
        "omitted_by": found.omitted_by,
        "reported_omitted_by": found.reported_omitted_by,
        "evidence": [_item(records, ref) for ref in found.evidence],
    }
