"""Run the pipeline over documents: parse, find actors, statements and events, and emit
schema-1 records.

The work per document is bounded. The tokenizer is given text whose long runs of
punctuation are cut (``nlp.tokenizable``; every offset unchanged). A document
longer than ``SEGMENT_CHARS`` is parsed in pieces cut at paragraph breaks, and
the pieces are joined into one ``Doc`` before the components that read the
whole document run on it: the model's memory stays that of one piece. Such a
document is given up as a failure, between pieces and between stages, once it
has taken longer than the time limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from communique import nlp as nlp_module
from communique.actors import component as _actors  # noqa: F401 (its factory)
from communique.attribution import component as _attribution  # noqa: F401 (its factory)
from communique.events import component as _events  # noqa: F401 (its factory)
from communique.records import SCHEMA_VERSION, Document, Failure
from communique.stories import actor_keys

BATCH_SIZE = 32
BATCH_CHARS = 150_000  # characters parsed in one batch, whatever the number of documents
SEGMENT_CHARS = 50_000  # a longer document is parsed in pieces of at most this size
TIME_LIMIT = 300.0  # seconds a document may take (checked between pieces and stages)


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline (``name``, or the best installed English model) with
    communique's components added.

    The pipeline is cached per name: loading takes about a second.
    """
    nlp = spacy.load(nlp_module.resolve_model_name(name))
    nlp_module.correct_lemmatizer(nlp)
    nlp_module.keep_act_compounds(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("communique_paragraphs", before="parser")
    else:
        nlp.add_pipe("communique_paragraphs", first=True)
    nlp.add_pipe("communique_actors", last=True)
    nlp.add_pipe("communique_attribution", last=True)
    nlp.add_pipe("communique_events", last=True)
    nlp.add_pipe("communique_topics", last=True)
    return nlp


class TimeLimitExceeded(Exception):
    """A document took longer than the time limit; the message is the reason."""


def record(document: Document, doc: Any) -> dict[str, Any]:
    """The schema-1 record of one processed document (see DESIGN.md, "Records")."""
    actors = doc._.actors
    keys = actor_keys(actors)
    for actor in actors:
        actor.key = keys[actor.id]
    out = {
        "schema": SCHEMA_VERSION,
        "doc_id": document.id,
        "text": document.text,
        "issuer": doc._.issuer,
        "statements": [s.to_dict() for s in doc._.statements],
        "actors": [a.to_dict() for a in actors],
        "events": [e.to_dict() for e in doc._.events or []],
        "omissions": [o.to_dict() for o in doc._.omissions or []],
    }
    if doc.text != document.text:  # punctuation runs were cut for the tokenizer
        _restore_spans(out, document.text)
    return out


def _restore_spans(value: Any, text: str) -> None:
    """Give every span in a record its text from ``text`` (same offsets)."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            value["text"] = text[value["start"] : value["end"]]
        for item in value.values():
            _restore_spans(item, text)
    elif isinstance(value, list):
        for item in value:
            _restore_spans(item, text)


def segments(text: str, size: int = SEGMENT_CHARS) -> Iterator[str]:
    """``text`` in consecutive pieces of at most ``size`` characters that join back into it,
    each cut just after a line break where the second half of the piece has one, else
    after a sentence's end, else after a space, else at ``size``."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = size
        for separator in ("\n", ". ", " "):
            found = window.rfind(separator)
            if found >= size // 2:
                cut = found + len(separator)
                break
        yield text[start : start + cut]
        start += cut
    yield text[start:]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Documents in lists of at most ``size``, and of at most ``BATCH_CHARS`` characters
    among the documents parsed whole."""
    batch: list[Document] = []
    chars = 0
    for document in documents:
        batch.append(document)
        chars += len(document.text) if len(document.text) <= SEGMENT_CHARS else 0
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _context(doc: Doc, document: Document) -> Doc:
    doc._.doc_id = document.id
    doc._.published = document.published
    return doc


def _check(started: float, limit: float) -> None:
    if time.monotonic() - started > limit:
        raise TimeLimitExceeded(
            f"processing took over {limit:g} s, the time limit for one document; not stored"
        )


def parse_long(nlp: Language, document: Document, time_limit: float = TIME_LIMIT) -> Doc:
    """Run the pipeline on a long document: the model on its pieces, then the components
    that read the whole document on the pieces joined. ``TimeLimitExceeded`` once it has
    taken more than ``time_limit`` seconds."""
    started = time.monotonic()
    whole = [name for name in nlp.pipe_names if name in nlp_module.DOCUMENT_COMPONENTS]
    pieces = []
    text = nlp_module.tokenizable(document.text)
    for piece in nlp.pipe(segments(text, SEGMENT_CHARS), disable=whole, batch_size=1):
        pieces.append(piece)
        _check(started, time_limit)
    doc = _context(Doc.from_docs(pieces, ensure_whitespace=False), document)
    for name, component in nlp.pipeline:
        if name in whole:
            _check(started, time_limit)
            doc = component(doc)
    _check(started, time_limit)
    return doc


def process(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    on_failure: Callable[[Failure], None] | None = None,
    time_limit: float = TIME_LIMIT,
) -> Iterator[tuple[Document, dict[str, Any]]]:
    """Process documents in batches with ``nlp.pipe``; yields (document, record) in order.

    A document the pipeline fails on, or a long one that takes more than
    ``time_limit`` seconds, is not yielded: it goes to ``on_failure`` (an error
    is also logged), and the batch goes on.
    """
    nlp = nlp or load()
    for batch in _batches(documents, batch_size):
        whole = [d for d in batch if len(d.text) <= SEGMENT_CHARS]
        docs = (_context(nlp.make_doc(nlp_module.tokenizable(d.text)), d) for d in whole)
        parsed = nlp.pipe(docs, batch_size=max(len(whole), 1))
        for document in batch:
            failure = None
            try:
                if len(document.text) <= SEGMENT_CHARS:
                    doc = next(parsed)
                else:
                    doc = parse_long(nlp, document, time_limit)
                failure = doc._.failure
            except TimeLimitExceeded as error:
                failure = str(error)
            if failure:
                if on_failure is not None:
                    on_failure(Failure.of(document, failure))
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
    for _, result in process([document], load(model), on_failure=failures.append):
        return result
    raise RuntimeError(str(failures[0]) if failures else "no record produced")
