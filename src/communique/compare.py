"""Compare: the stories of a few documents, each with its parties' accounts and where they
diverge, without a store (``communique compare``, ``communique.compare``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language

from communique.pipeline import process
from communique.records import Document, Failure, Story
from communique.stories import accounts, divergence, link
from communique.stories.accounts import Account, main_stories
from communique.stories.divergence import Canonical, Divergence, as_written


def compare(
    documents: Iterable[Document],
    nlp: Language | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    canonical: Canonical = as_written,
) -> list[dict[str, Any]]:
    """The stories of ``documents``: each story's record with its ``accounts`` (party, its
    readouts, its statements and reported omissions) and ``divergence`` (each topic, the
    parties that carry it, leave it out, or are said to leave it out, with evidence)."""
    pairs = list(process(documents, nlp, on_failure=on_failure))
    records = {record["doc_id"]: record for _, record in pairs}
    published = {document.id: document.published for document, _ in pairs}
    stories = link(records.values(), published)
    main = main_stories(stories, records)
    return [report(story, records, main, canonical) for story in stories]


def report(
    story: Story,
    records: dict[str, dict[str, Any]],
    main: dict[str, str] | None = None,
    canonical: Canonical = as_written,
) -> dict[str, Any]:
    """A story with its accounts and divergence, every statement and omission given with its
    document, text and offsets so that each can be checked against the article; ``main``
    the story each document is mainly about (``stories.accounts.main_stories``)."""
    found = accounts(story, (records[d] for d in story.documents), main)
    return {
        **story.to_dict(),
        "accounts": [_account(a, records) for a in found],
        "divergence": [_divergence(d, records) for d in divergence(found, records, canonical)],
    }


def _item(records: dict[str, dict[str, Any]], ref: tuple[str, str]) -> dict[str, Any]:
    doc_id, item_id = ref
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


def _account(account: Account, records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "party": account.party,
        "documents": account.documents,
        "statements": [_item(records, ref) for ref in account.statements],
        "omissions": [_item(records, ref) for ref in account.omissions],
    }


def _divergence(found: Divergence, records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "topic": found.topic,
        "carried_by": found.carried_by,
        "omitted_by": found.omitted_by,
        "reported_omitted_by": found.reported_omitted_by,
        "evidence": [_item(records, ref) for ref in found.evidence],
    }
