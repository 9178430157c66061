"""The spaCy component: ``nlp.add_pipe("communique_attribution")``, after ``communique_actors``.

Sets ``doc._.statements`` (``Statement`` records), their speakers and
addressees taken from (and, when only attribution finds them, added to) the
``ActorDirectory`` the actors component leaves in ``doc._.actor_directory``.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from communique.attribution.extract import extract_statements

log = logging.getLogger(__name__)

for _name in ("doc_id", "actor_directory", "statements", "failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "communique_attribution",
    assigns=["doc._.statements"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc._.actor_directory"],
)
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution()


class Attribution:
    """Find the statements of a parsed document.

    An error on one document must not stop a batch: it is logged and kept in
    ``doc._.failure``, and the document gets no records.
    """

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.doc_id or "doc"
        actors = doc._.actor_directory
        if doc._.failure:
            doc._.statements = []
            return doc
        if actors is None:
            raise ValueError(
                'communique_attribution needs communique_actors before it: nlp.add_pipe("'
                'communique_actors", before="communique_attribution")'
            )
        try:
            doc._.statements = extract_statements(doc, doc_id, actors)
        except Exception as error:
            log.exception("attribution failed on %s", doc_id)
            doc._.statements = []
            doc._.failure = f"attribution failed: {type(error).__name__}: {error}"
        return doc
