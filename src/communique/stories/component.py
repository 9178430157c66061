"""The spaCy component: ``nlp.add_pipe("communique_topics")``, after ``communique_events``.

Sets ``topics`` on every ``Statement`` in ``doc._.statements``: normalised issue labels from
the states its content names, the issue vocabulary (``stories/data/*.tsv``) and "the X issue"
(see ``stories.topics``). It reads the parse and the ``ActorDirectory`` only: no embeddings
per document (those are for merging labels across documents), so it costs little.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from communique.stories.topics import assign, vocabulary

log = logging.getLogger(__name__)

for _name in ("doc_id", "actor_directory", "statements", "failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "communique_topics",
    assigns=["doc._.statements"],
    requires=["doc._.statements", "doc._.actor_directory", "doc.ents", "token.lemma"],
    default_config={},  # its vocabulary is data: stories/data/topics.tsv and issues.tsv
)
def make_topics(nlp: Language, name: str) -> Topics:
    return Topics()


class Topics:
    """Label each statement's topics; an error costs this document its records, recorded as
    a failure, and the batch goes on."""

    def __init__(self) -> None:
        vocabulary()  # read once when the pipeline is built, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements or []
        if doc._.failure or not statements:
            return doc
        actors = doc._.actor_directory
        if actors is None:
            raise ValueError(
                'communique_topics needs communique_actors before it: nlp.add_pipe("'
                'communique_actors", before="communique_topics")'
            )
        try:
            assign(doc, statements, actors)
        except Exception as error:
            log.exception("topic labelling failed on %s", doc._.doc_id)
            for statement in statements:
                statement.topics = []
            doc._.failure = f"topic labelling failed: {type(error).__name__}: {error}"
        return doc
