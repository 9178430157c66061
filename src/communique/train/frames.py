"""Training the lexicalised frame model (``attribution.learned``) on PolNeAR train.

For every verb or noun that could carry a content, count how often each of its
content-bearing dependents was annotated as an attribution's content with the
verb as cue (and its subject as source), out of all its occurrences. Never
imported at run time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique.attribution.arguments import cue_subject
from communique.attribution.frames import QuoteMap
from communique.attribution.learned import FrameStat, candidate_frames, content_root, noun_source
from communique.attribution.quotes import document_quotes
from communique.eval.polnear import load_gold
from communique.syntax import noun_phrase


def _subtree(child: Token) -> set[int]:
    return {t.i for root in content_root(child) for t in root.subtree if not t.is_punct}


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
        subject = noun_source(verb) if verb.pos_ == "NOUN" else cue_subject(verb)
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
