"""The spaCy component: ``nlp.add_pipe("communique_events")`` after attribution.

Sets ``doc._.events`` (``Event`` records) from ``doc._.statements`` and the
actor index the attribution component leaves in ``doc._.actor_index``; set
``doc._.published`` (YYYY-MM-DD) before the pipeline runs to resolve dates.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from communique.attribution import component as _attribution  # noqa: F401 - extensions
from communique.events.coder import code_events

log = logging.getLogger(__name__)


@Language.factory("communique_events", requires=["doc._.statements"])
def make_events(nlp: Language, name: str) -> Events:
    return Events()


class Events:
    """Code PLOVER events; an error costs this document its events, recorded as a failure."""

    def __call__(self, doc: Doc) -> Doc:
        index = doc._.actor_index
        if index is None or doc._.failure:
            doc._.events = []
            return doc
        try:
            doc._.events = code_events(
                doc, doc._.doc_id or "doc", index, doc._.statements, doc._.published
            )
            doc._.actors = index.ordered()  # events may add actors ("Russian troops")
        except Exception as error:
            log.exception("event coding failed on %s", doc._.doc_id)
            doc._.events = []
            doc._.failure = f"event coding failed: {type(error).__name__}: {error}"
        return doc
