"""The spaCy component: ``nlp.add_pipe("communique_attribution")``, after ``communique_actors``.

Sets ``doc._.statements`` (``Statement`` records), ``doc._.omissions`` (``Omission``
records: what the text says a party left out) and, for a party's own readout,
``doc._.issuer`` (the actor id of that party). Speakers and addressees are taken from (and,
when only attribution finds them, added to) the ``ActorDirectory`` the actors component
leaves in ``doc._.actor_directory``.

Its config holds the ``AttributionSettings`` and ``frame_table``, the path of
the learned frame model's table (``null``: the packaged
``attribution/data/frames.tsv``). ``nlp.to_disk`` saves the table with the
pipeline, and loading the pipeline reads it back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from communique.attribution.extract import extract_statements
from communique.attribution.learned import TABLE, FrameTable, load_table, write_table
from communique.attribution.omissions import omissions_of
from communique.attribution.readouts import issuer_of
from communique.attribution.settings import DEFAULT, AttributionSettings

log = logging.getLogger(__name__)

for _name in ("doc_id", "actor_directory", "statements", "issuer", "omissions", "failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "communique_attribution",
    assigns=["doc._.statements", "doc._.issuer", "doc._.omissions"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc._.actor_directory"],
    default_config={"frame_table": None, **DEFAULT.config()},
)
def make_attribution(
    nlp: Language,
    name: str,
    frame_table: str | None,
    frame_threshold: float,
    frame_min_support: int,
    frame_prior_negatives: int,
    cue_confidence: float,
    dash_confidence: float,
    according_confidence: float,
    antecedent_penalty: float,
    unresolved_penalty: float,
    min_confidence: float,
    continuation_window: int,
    pronoun_window: int,
) -> Attribution:
    settings = AttributionSettings(
        frame_threshold=frame_threshold,
        frame_min_support=frame_min_support,
        frame_prior_negatives=frame_prior_negatives,
        cue_confidence=cue_confidence,
        dash_confidence=dash_confidence,
        according_confidence=according_confidence,
        antecedent_penalty=antecedent_penalty,
        unresolved_penalty=unresolved_penalty,
        min_confidence=min_confidence,
        continuation_window=continuation_window,
        pronoun_window=pronoun_window,
    )
    return Attribution(Path(frame_table) if frame_table else None, settings)


class Attribution:
    """Find the statements of a parsed document.

    An error on one document must not stop a batch: it is logged and kept in
    ``doc._.failure``, and the document gets no records.
    """

    def __init__(
        self, frame_table: Path | None = None, settings: AttributionSettings = DEFAULT
    ) -> None:
        self.settings = settings
        self._frame_path = frame_table
        self._table: FrameTable | None = None  # read when first needed

    @property
    def frame_table(self) -> FrameTable:
        """The learned frame model's table, by (lemma, relation)."""
        if self._table is None:
            self._table = load_table(self._frame_path)
        return self._table

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
            doc._.statements = extract_statements(
                doc, doc_id, actors, self.frame_table, self.settings
            )
            doc._.issuer = issuer_of(doc)
            doc._.omissions = omissions_of(doc)
        except Exception as error:
            log.exception("attribution failed on %s", doc_id)
            doc._.statements = []
            doc._.issuer = None
            doc._.omissions = []
            doc._.failure = f"attribution failed: {type(error).__name__}: {error}"
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the frame table to ``path``/frames.tsv."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        source = str(self._frame_path or "the packaged table")
        write_table(list(self.frame_table.values()), path / TABLE, source)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Attribution:
        """Read the frame table from ``path``/frames.tsv."""
        self._frame_path = Path(path) / TABLE
        self._table = load_table(self._frame_path)
        return self
