"""The spaCy component: ``nlp.add_pipe("communique_events")``, after attribution.

Sets ``doc._.events`` (``Event`` records) from ``doc._.statements``, with actors
from (and, for those only events find, added to) the ``ActorDirectory`` in
``doc._.actor_directory``; set ``doc._.published`` (YYYY-MM-DD) before the
pipeline runs to resolve dates.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from communique.events.coder import code_events

log = logging.getLogger(__name__)

for _name in ("doc_id", "published", "actor_directory", "statements", "events", "failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "communique_events",
    assigns=["doc._.events"],
    requires=["doc._.statements", "doc._.actor_directory"],
    default_config={},  # its rules are data: events/data/*.tsv
)
def make_events(nlp: Language, name: str) -> Events:
    return Events()


class Events:
    """Code PLOVER events; an error costs this document its events, recorded as a failure."""

    def __call__(self, doc: Doc) -> Doc:
        actors = doc._.actor_directory
        if doc._.failure:
            doc._.events = []
            return doc
        if actors is None:
            raise ValueError(
                'communique_events needs communique_actors before it: nlp.add_pipe("'
                'communique_actors", before="communique_events")'
            )
        try:
            doc._.events = code_events(
                doc, doc._.doc_id or "doc", actors, doc._.statements or [], doc._.published
            )
        except Exception as error:
            log.exception("event coding failed on %s", doc._.doc_id)
            doc._.events = []
            doc._.failure = f"event coding failed: {type(error).__name__}: {error}"
        return doc
