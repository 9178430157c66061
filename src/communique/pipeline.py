"""Run the pipeline over documents: parse, attribute, and emit schema-1 records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language

from communique import nlp as nlp_module
from communique.records import SCHEMA_VERSION, Document, Failure

BATCH_SIZE = 32


def record(document: Document, doc: Any) -> dict[str, Any]:
    """The schema-1 record of one processed document (see DESIGN.md, "Records")."""
    return {
        "schema": SCHEMA_VERSION,
        "doc_id": document.id,
        "text": document.text,
        "statements": [s.to_dict() for s in doc._.statements],
        "actors": [a.to_dict() for a in doc._.actors],
        "events": [e.to_dict() for e in doc._.events or []],
    }


def process(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    on_failure: Callable[[Failure], None] | None = None,
) -> Iterator[tuple[Document, dict[str, Any]]]:
    """Process documents in batches with one ``nlp.pipe``; yields (document, record).

    A document the pipeline fails on is not yielded: it goes to ``on_failure``
    (the error is also logged), and the batch goes on.
    """
    nlp = nlp or nlp_module.load()
    pending: list[Document] = []

    def docs() -> Iterator[Any]:
        for document in documents:
            pending.append(document)
            doc = nlp.make_doc(document.text)
            doc._.doc_id = document.id
            doc._.published = document.published
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        document = pending.pop(0)
        if doc._.failure:
            if on_failure is not None:
                on_failure(Failure.of(document, doc._.failure))
            continue
        yield document, record(document, doc)


def extract(
    text: str, published: str | None = None, doc_id: str = "doc", model: str | None = None
) -> dict[str, Any]:
    """Statements, actors and events of one text, as a schema-1 record.

    >>> record = extract("“We will not back down,” the minister said.")
    >>> record["statements"][0]["cue"]["text"]
    'said'
    """
    document = Document(id=doc_id, text=text, published=published)
    failures: list[Failure] = []
    for _, result in process([document], nlp_module.load(model), on_failure=failures.append):
        return result
    raise RuntimeError(str(failures[0]) if failures else "no record produced")
