"""The spaCy component: ``nlp.add_pipe("communique_actors")``, before attribution.

Sets ``doc._.actor_directory`` (an ``ActorDirectory``: where attribution and
events look actors up and add the ones they find) and makes ``doc._.actors``
the document's ``Actor`` records, in the order they were found, so far
(later stages may add some). Set ``doc._.doc_id`` before the pipeline runs to
give the records stable ids; it defaults to ``"doc"``; and ``doc._.published``
(YYYY-MM-DD) to code persons as they were on that date (a former minister is
not GOV).
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from communique.actors.directory import ActorDirectory
from communique.actors.resolution import resolve_actors
from communique.records import Actor

log = logging.getLogger(__name__)


def _actors(doc: Doc) -> list[Actor]:
    directory = doc._.actor_directory
    return directory.ordered() if directory is not None else []


for _name in ("doc_id", "published", "actor_directory", "failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("actors"):
    Doc.set_extension("actors", getter=_actors)


@Language.factory(
    "communique_actors",
    assigns=["doc._.actor_directory", "doc._.actors"],
    requires=["token.dep", "token.pos", "token.tag", "token.lemma", "doc.ents", "doc.sents"],
    default_config={},
)
def make_actors(nlp: Language, name: str) -> Actors:
    return Actors()


class Actors:
    """Find and resolve the actors of a parsed document.

    An error on one document must not stop a batch: it is logged and kept in
    ``doc._.failure``, and the later components give the document no records.
    """

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.doc_id or "doc"
        try:
            doc._.actor_directory = ActorDirectory(resolve_actors(doc, doc_id))
        except Exception as error:
            log.exception("actor resolution failed on %s", doc_id)
            doc._.actor_directory = None
            doc._.failure = f"actor resolution failed: {type(error).__name__}: {error}"
        return doc
