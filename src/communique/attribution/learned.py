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
its best relation's estimate reaches ``THRESHOLD``. The table is plain TSV in
``attribution/data/frames.tsv``; ``communique train attribution`` rebuilds it
from the train split only, deterministically.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.attribution.syntax import noun_phrase, subject_of
from communique.data import data_file, read_tsv

# Minimum estimated precision for a learned frame, and minimum training support.
THRESHOLD = 0.25
MIN_SUPPORT = 4
PRIOR_NEGATIVES = 3
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

    @property
    def estimate(self) -> float:
        """Smoothed precision: ``PRIOR_NEGATIVES`` unseen misses keep rare frames modest."""
        return self.positive / (self.total + PRIOR_NEGATIVES)


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


def _subtree(child: Token) -> set[int]:
    return {t.i for root in content_root(child) for t in root.subtree if not t.is_punct}


# -- the table --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def frame_table() -> dict[tuple[str, str], FrameStat]:
    """The packaged table, keyed by (lemma, relation)."""
    if not data_file(__package__, TABLE).is_file():
        return {}
    table = {}
    for row in read_tsv(__package__, TABLE):
        stat = FrameStat(row["lemma"], row["relation"], int(row["positive"]), int(row["total"]))
        table[stat.lemma, stat.relation] = stat
    return table


def best_frame(
    verb: Token, table: dict[tuple[str, str], FrameStat] | None = None
) -> tuple[str, Token, float] | None:
    """The verb's most likely content-bearing dependent, if the model trusts it enough."""
    table = frame_table() if table is None else table
    lemma = verb.lemma_.lower()
    if verb.pos_ == "NOUN" and not any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from"}) for c in verb.children
    ):
        return None  # a nominal cue needs its owner in the phrase
    best: tuple[str, Token, float] | None = None
    for relation, child in candidate_frames(verb):
        stat = table.get((lemma, relation))
        if stat is None or stat.total < MIN_SUPPORT or stat.estimate < THRESHOLD:
            continue
        if best is None or stat.estimate > best[2]:
            best = (relation, child, stat.estimate)
    return best


# -- training ---------------------------------------------------------------------------------


def _chars(doc: Doc, tokens: Iterable[int]) -> set[int]:
    return {o for i in tokens for o in range(doc[i].idx, doc[i].idx + len(doc[i]))}


def count_frames(
    doc: Doc,
    gold: list[tuple[frozenset[int], frozenset[int] | None]],
    cue_offsets: set[int],
    quoted: set[int],
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """Positive and total counts of (lemma, relation) in one annotated document.

    ``gold`` holds (content, source) offset sets. A frame is positive when the verb
    is part of a gold cue, the dependent's subtree matches that attribution's content
    (the evaluation's half-overlap rule), and the verb's subject matches its source
    (both absent, or overlapping), so the estimate is the precision of the whole frame.
    """
    positive: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for verb in doc:
        if verb.i in quoted:
            continue
        frames = list(candidate_frames(verb))
        if not frames:
            continue
        subject = noun_source(verb) if verb.pos_ == "NOUN" else subject_of(verb)
        source = _chars(doc, range(*noun_phrase(subject))) if subject is not None else None
        for relation, child in frames:
            key = (verb.lemma_.lower(), relation)
            total[key] += 1
            if verb.idx not in cue_offsets:
                continue
            chars = _chars(doc, _subtree(child))
            for content, gold_source in gold:
                if not content or 2 * len(chars & content) < max(len(chars), len(content)):
                    continue
                if (gold_source is None) == (source is None) and (
                    gold_source is None or source & gold_source
                ):
                    positive[key] += 1
                    break
    return positive, total


def train(data: Path, nlp: Language, split: str = "train") -> list[FrameStat]:
    """Count frames over a PolNeAR split (train only, by design) and return the table."""
    from communique.attribution.frames import QuoteMap
    from communique.attribution.quotes import document_quotes
    from communique.eval.polnear import load_gold

    gold = load_gold(data, split)
    names = sorted(gold)
    positive: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    texts = (gold[name][0] for name in names)
    for name, doc in zip(names, nlp.pipe(texts, batch_size=32), strict=True):
        _, attributions = gold[name]
        qmap = QuoteMap(doc, document_quotes(doc))
        quoted = {i for i, q in enumerate(qmap.of_token) if q is not None}
        cue_offsets = {o for a in attributions for o in a.cue}
        pairs = [(a.content, a.source) for a in attributions]
        p, t = count_frames(doc, pairs, cue_offsets, quoted)
        positive.update(p)
        total.update(t)
    return [
        FrameStat(lemma, relation, positive[lemma, relation], count)
        for (lemma, relation), count in sorted(total.items())
        if positive[lemma, relation] > 0
    ]


def write_table(stats: list[FrameStat], path: Path, source: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Frame model: how often a verb with this dependent was annotated as an\n"
            "# attribution whose content is that dependent (positive / total).\n"
            f"# source: {source}\n"
            "# rebuilt by `communique train attribution`; see attribution/learned.py\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["lemma", "relation", "positive", "total"])
        for stat in stats:
            writer.writerow([stat.lemma, stat.relation, stat.positive, stat.total])
