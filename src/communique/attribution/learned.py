"""A lexicalised frame model: which verbs attribute what, learned from PolNeAR train.

Attribution cues form a long tail ("criticized", "endorsed", "seemed to",
"declined to", "cited"), each with its own way of carrying the content: a
clause, an infinitive, an object, a prepositional object. The model is a table
of ``(verb lemma, relation)`` pairs, where the relation names the verb's
dependent that holds the content (``ccomp``, ``xcomp``, ``dobj``,
``prep:about`` ...). For each pair it keeps how often a verb with such a
dependent was annotated as an attribution whose content is that dependent's
subtree, out of all its occurrences: a maximum-likelihood estimate of the
precision of predicting that frame.

At run time a verb that the hand-written rules left alone becomes a cue when
its best relation's estimate reaches the component's ``frame_threshold`` (see
``settings``). The table is plain TSV; the packaged one is
``attribution/data/frames.tsv``, and the component's ``frame_table`` setting
or ``from_disk`` swaps it. ``communique train attribution``
(``communique.train.frames``) counts it from the train split only,
deterministically.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from communique.attribution.settings import DEFAULT, AttributionSettings
from communique.data import data_file

# Relations whose subtree can be a content.
_RELATIONS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "advcl", "dative"})
_CONTENT_PREPS = frozenset({"about", "on", "of", "for", "against", "over", "to", "as", "with"})
_NOUN_PREPS = frozenset({"about", "on", "of", "for", "against", "over", "to"})
TABLE = "frames.tsv"


@dataclass(frozen=True, slots=True)
class FrameStat:
    lemma: str
    relation: str
    positive: int
    total: int

    def estimate(self, prior_negatives: int) -> float:
        """Smoothed precision: ``prior_negatives`` unseen misses keep rare frames modest."""
        return self.positive / (self.total + prior_negatives)


FrameTable = dict[tuple[str, str], FrameStat]  # by (lemma, relation)


def relation_of(child: Token) -> str | None:
    """The relation name of a verb's dependent that could hold a content, or None."""
    if child.dep_ in _RELATIONS:
        return child.dep_
    if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and _has_object(child):
        return f"prep:{child.lower_}"
    return None


def _has_object(prep: Token) -> bool:
    return any(c.dep_ in {"pobj", "pcomp"} for c in prep.children)


def content_root(child: Token) -> list[Token]:
    """The tokens whose subtrees form the content held by ``child``."""
    if child.dep_ == "prep":
        return [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
    return [child]


def candidate_frames(cue: Token) -> Iterator[tuple[str, Token]]:
    """(relation, dependent) pairs of a verb or noun that could carry a content.

    Nouns count too: "her criticism of the plan", "the claim that ...".
    """
    if cue.pos_ in {"VERB", "AUX"}:
        for child in cue.children:
            relation = relation_of(child)
            if relation is not None:
                yield relation, child
    elif cue.pos_ == "NOUN":
        for child in cue.children:
            if child.dep_ in {"acl", "ccomp"} and any(
                t.dep_ == "mark" and t.lower_ == "that" for t in child.children
            ):
                yield "noun:that", child
            elif child.dep_ == "prep" and child.lower_ in _NOUN_PREPS and _has_object(child):
                yield f"noun:{child.lower_}", child


def noun_source(noun: Token) -> Token | None:
    """Whose a nominal cue is: "Trump's criticism", "criticism by Trump"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


# -- the table --------------------------------------------------------------------------------


def read_table(path: Path) -> FrameTable:
    """A frame table (TSV, as ``write_table`` writes it), keyed by (lemma, relation)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        stats = [
            FrameStat(r["lemma"], r["relation"], int(r["positive"]), int(r["total"])) for r in rows
        ]
    return {(stat.lemma, stat.relation): stat for stat in stats}


def write_table(stats: list[FrameStat], path: Path, source: str) -> None:
    """Write a frame table as TSV, with a header saying where it was counted."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Frame model: how often a verb with this dependent was annotated as an\n"
            "# attribution whose content is that dependent (positive / total).\n"
            f"# source: {source}\n"
            "# rebuilt by `communique train attribution`; see communique/train/frames.py\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["lemma", "relation", "positive", "total"])
        for stat in stats:
            writer.writerow([stat.lemma, stat.relation, stat.positive, stat.total])


def packaged_table() -> Path:
    """Where the package's own table is."""
    return Path(str(data_file(__package__, TABLE)))


def load_table(path: Path | None = None) -> FrameTable:
    """The table at ``path``, else the packaged one (empty if the package has none)."""
    if path is not None:
        return read_table(path)
    packaged = packaged_table()
    return read_table(packaged) if packaged.is_file() else {}


def best_frame(
    verb: Token, table: FrameTable, settings: AttributionSettings = DEFAULT
) -> tuple[str, Token, float] | None:
    """The verb's most likely content-bearing dependent, if the model trusts it enough."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "NOUN" and not any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from"}) for c in verb.children
    ):
        return None  # a nominal cue needs its owner in the phrase
    best: tuple[str, Token, float] | None = None
    for relation, child in candidate_frames(verb):
        stat = table.get((lemma, relation))
        if stat is None or stat.total < settings.frame_min_support:
            continue
        estimate = stat.estimate(settings.frame_prior_negatives)
        if estimate < settings.frame_threshold:
            continue
        if best is None or estimate > best[2]:
            best = (relation, child, estimate)
    return best
