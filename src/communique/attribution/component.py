"""The spaCy component: ``nlp.add_pipe("communique_attribution")``.

Sets ``doc._.statements`` (``Statement`` records) and ``doc._.actors``
(``Actor`` records). Set ``doc._.doc_id`` before the pipeline runs to give the
records stable ids; it defaults to ``"doc"``.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from communique.actors import resolve_actors
from communique.attribution.extract import extract_statements

log = logging.getLogger(__name__)

for _name in ("doc_id", "published", "statements", "actors", "actor_index", "events", "failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("communique_attribution", requires=["token.dep", "token.lemma", "doc.ents"])
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution()


class Attribution:
    """Find statements and actors in a parsed document.

    An error on one document must not stop a batch: it is logged and kept in
    ``doc._.failure``, and the document gets no records.
    """

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.doc_id or "doc"
        try:
            index = resolve_actors(doc, doc_id)
            doc._.statements = extract_statements(doc, doc_id, index)
            doc._.actors = index.ordered()
            doc._.actor_index = index
        except Exception as error:
            log.exception("attribution failed on %s", doc_id)
            doc._.statements, doc._.actors = [], []
            doc._.failure = f"attribution failed: {type(error).__name__}: {error}"
        return doc
