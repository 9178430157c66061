"""The learned event-type model: which PLOVER type (or none), and which mode, a candidate
trigger stands for in its clause.

A softmax regression (numpy only) over one feature vector per candidate:

- the WordLlama embedding (``wordllama`` l2_supercat, the first 128 of its 256 Matryoshka
  dimensions) of the trigger's lemma, of its object's head, and the mean of those of the
  content words of its clause; the embeddings of the words the model knows were computed
  when it was trained (through ``stories.embeddings``) and ship with the weights, so nothing
  is embedded, loaded or downloaded at run time (a word it does not know counts as zeros);
- priors, one-hot: the type of the coder's hand-written pattern (``patterns.tsv``), the PLOVER
  type of the CAMEO verb pattern (``cameo.tsv``), the object's class (``objects.tsv``);
- parse features: the trigger's part of speech and dependency, passive voice, negation.

Weights, word vectors and the thresholds chosen on the validation split are in
``data/event_model.npz``, written by ``communique train events`` (``communique.train.events``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy

from communique.data import data_file

TYPES = (
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
)
NONE = "NONE"
CLASSES = (*TYPES, NONE)
RULE_TYPES = (*TYPES, "COMMIT", "SAY")
OBJECT_CLASSES = (
    "forces",
    "personnel",
    "aid",
    "captive",
    "relations",
    "restriction",
    "diplomat",
    "agreement",
    "proposal",
    "meeting",
    "territory",
    "fire",
    "people",
    "sanctions",
)
DEPENDENCIES = (
    "ROOT",
    "xcomp",
    "ccomp",
    "conj",
    "dobj",
    "pobj",
    "nsubj",
    "nsubjpass",
    "advcl",
    "relcl",
    "acl",
    "amod",
    "compound",
)
FILE = "event_model.npz"


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the model reads of one candidate trigger (plain strings: tests build them by hand)."""

    lemma: str  # the trigger's lemma, with its particle ("call off")
    pos: str  # VERB or NOUN
    object: str | None  # the lemma of the object's head ("ambassador")
    context: tuple[str, ...]  # the lemmas of the clause's content words
    rule: str | None  # the type of the coder's pattern, if one matched
    cameo: str | None  # the PLOVER type of the CAMEO pattern (NONE: CAMEO codes no event)
    object_class: str | None
    dependency: str
    passive: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Prediction:
    type: str  # a PLOVER type or NONE
    probability: float
    mode: str | None


class Vectors:
    """The word vectors the model was trained with, by lower-case word."""

    def __init__(self, words: Sequence[str], vectors: numpy.ndarray) -> None:
        self.index = {w: i for i, w in enumerate(words)}
        self.vectors = vectors.astype(numpy.float32)
        self.dimensions = vectors.shape[1]
        self._zero = numpy.zeros(self.dimensions, dtype=numpy.float32)

    def __getitem__(self, word: str | None) -> numpy.ndarray:
        if word is None:
            return self._zero
        i = self.index.get(word.lower())
        return self._zero if i is None else self.vectors[i]

    def mean(self, words: Sequence[str]) -> numpy.ndarray:
        rows = [self.index[w] for w in (w.lower() for w in words) if w in self.index]
        if not rows:
            return self._zero
        mean = self.vectors[rows].mean(axis=0)
        norm = float(numpy.linalg.norm(mean))
        return mean / norm if norm > 0 else mean


# The flags block of the feature vector: groups of one-hot flags, in order. A yes/no flag is
# a group of one ("rule is None"); the last group is the bias, always on.
_FLAG_GROUPS: tuple[tuple[object, ...], ...] = (
    RULE_TYPES,  # the hand-written pattern's type
    (True,),  # no hand-written pattern
    CLASSES,  # the CAMEO pattern's type
    (True,),  # no CAMEO pattern
    OBJECT_CLASSES,
    (True,),  # no object
    (True,),  # a verb
    DEPENDENCIES,
    (True,),  # passive
    (True,),  # negated
    (True,),  # bias
)
# Each group's values -> the position of their flag within the block.
_FLAG_POSITIONS: tuple[dict[object, int], ...] = tuple(
    {value: sum(map(len, _FLAG_GROUPS[:g])) + i for i, value in enumerate(group)}
    for g, group in enumerate(_FLAG_GROUPS)
)
FLAG_COUNT = sum(map(len, _FLAG_GROUPS))


def flags(candidate: Candidate) -> list[int]:
    """The positions of the candidate's flags that are on (the others are off)."""
    values = (
        candidate.rule,
        candidate.rule is None,
        candidate.cameo,
        candidate.cameo is None,
        candidate.object_class,
        candidate.object is None,
        candidate.pos == "VERB",
        candidate.dependency,
        candidate.passive,
        candidate.negated,
        True,
    )
    return [
        positions[value]
        for value, positions in zip(values, _FLAG_POSITIONS, strict=True)
        if value in positions
    ]


def embedded(candidate: Candidate, vectors: Vectors) -> numpy.ndarray:
    """The embedding block of the feature vector: the trigger's lemma (the mean of its words
    with a particle the vectors do not know as one), its object, its clause's words."""
    return numpy.concatenate(
        [
            vectors[candidate.lemma]
            if candidate.lemma in vectors.index
            else vectors.mean(candidate.lemma.split()),
            vectors[candidate.object],
            vectors.mean(candidate.context),
        ]
    )


def features(candidate: Candidate, vectors: Vectors) -> numpy.ndarray:
    """The candidate's feature vector (unscaled): the embeddings, then the flags."""
    block = numpy.zeros(FLAG_COUNT, dtype=numpy.float32)
    block[flags(candidate)] = 1.0
    return numpy.concatenate([embedded(candidate, vectors), block])


def feature_count(dimensions: int) -> int:
    return 3 * dimensions + FLAG_COUNT


def softmax(scores: numpy.ndarray) -> numpy.ndarray:
    scores = scores - scores.max(axis=-1, keepdims=True)
    exp = numpy.exp(scores)
    return exp / exp.sum(axis=-1, keepdims=True)


class EventModel:
    """Type and mode weights over ``features``, with the thresholds the coder applies."""

    def __init__(self, arrays: dict[str, numpy.ndarray]) -> None:
        self.arrays = arrays
        self.vectors = Vectors([str(w) for w in arrays["words"]], arrays["vectors"])
        self.scale = arrays["scale"].astype(numpy.float32)
        self.type_weights = arrays["type_weights"].astype(numpy.float32)
        self.mode_weights = arrays["mode_weights"].astype(numpy.float32)
        self.modes = [str(m) for m in arrays["modes"]]
        self.mode_mask = arrays["mode_mask"].astype(bool)  # classes x modes
        self.add_threshold = float(arrays["add_threshold"])
        self.retype_threshold = float(arrays["retype_threshold"])
        # a model written before vetoing was learned never vetoes
        self.veto_threshold = float(arrays.get("veto_threshold", 1.01))
        # a sentence left without an event takes its most probable candidate at least this
        # probable (0.3: the value chosen by hand before it was learned)
        self.fallback_threshold = float(arrays.get("fallback_threshold", 0.3))

    def features(self, candidates: Sequence[Candidate]) -> numpy.ndarray:
        rows = [features(c, self.vectors) for c in candidates]
        return numpy.vstack(rows) * self.scale if rows else numpy.zeros((0, len(self.scale)))

    def probabilities(self, candidates: Sequence[Candidate]) -> numpy.ndarray:
        """P(class) per candidate, classes in ``CLASSES`` order."""
        return softmax(self.features(candidates) @ self.type_weights)

    @cached_property
    def _scaled(self) -> tuple[numpy.ndarray, numpy.ndarray, int]:
        """Type and mode weights with the scale folded in, and where the flags begin: one
        candidate is scored from its embeddings and the rows of its flags that are on."""
        scale = self.scale[:, None]
        return self.type_weights * scale, self.mode_weights * scale, 3 * self.vectors.dimensions

    def predict(self, candidate: Candidate) -> Prediction:
        type_weights, mode_weights, split = self._scaled
        x = embedded(candidate, self.vectors)
        on = [split + i for i in flags(candidate)]
        p = softmax(x @ type_weights[:split] + type_weights[on].sum(axis=0))
        best = int(p.argmax())
        mode = None
        if CLASSES[best] != NONE:
            scores = x @ mode_weights[:split] + mode_weights[on].sum(axis=0)
            allowed = self.mode_mask[best]
            if allowed.any():
                scores = numpy.where(allowed, scores, -numpy.inf)
                mode = self.modes[int(scores.argmax())] or None
        return Prediction(CLASSES[best], float(p[best]), mode)

    @cached_property
    def size(self) -> int:
        return sum(a.nbytes for a in self.arrays.values())


def read(path: object) -> EventModel:
    with numpy.load(path, allow_pickle=False) as data:  # type: ignore[arg-type]
        return EventModel({k: data[k] for k in data.files})


@lru_cache(maxsize=1)
def _packaged() -> EventModel | None:
    source = data_file(__package__, FILE)
    if not source.is_file():
        return None
    with source.open("rb") as handle:
        return read(handle)


_override: list[EventModel | None] = []


def active() -> EventModel | None:
    """The model the coder uses: the packaged one, unless ``using`` says otherwise."""
    return _override[-1] if _override else _packaged()


@contextmanager
def using(model: EventModel | None) -> Iterator[None]:
    """Code with ``model`` (None: the rules alone) inside the block; training validates so."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()
