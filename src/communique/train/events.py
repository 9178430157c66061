"""Training the event-type model (``events.model``): ``communique train events``.

Data (never the PLOVER gold records):

- the CAMEO verb dictionary converted to PLOVER (``train.cameo``): every verb pattern is a
  short phrase with a weak label ("recall ambassador" SANCTION, "draw picture" none);
- NGEC's synthetic stories: the lead sentence and the headline of each story carry its label;
  a candidate whose pattern or CAMEO type is that label is an example of it, and in such a
  sentence every other candidate an example of none, at half weight (the story's event is the
  one the sentence reports; "after the riots", "said" are not it); split train/validation by
  template, never by row;
- the PLOVER codebook's definitions of each type and mode, labelled the same way;
- sentences written for communique (``train/data/event_sentences.tsv``), one trigger each;
- news sentences written for communique from the PLOVER manual, blind to the coder
  (``train/data/event_news.jsonl``): the trigger is an example of the sentence's type, every
  other candidate of none at half weight; in a sentence reporting no event, every candidate.

The adding, re-typing, vetoing and fallback thresholds are chosen on written sentences held
out from training (``--validation``: the validation and no-event sentences of
``benchmarks/data/plover_written``, ``plover_written_2``, ``plover_written_3`` and
``plover_written_4``), or, without them, on the synthetic validation templates' leads.

A softmax regression by full-batch gradient descent (Adam steps, fixed iterations, no
randomness), classes weighted to balance. Never imported at run time.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.events import cameo as cameo_lexicon
from communique.events import model as event_model
from communique.events.coder import code_events
from communique.events.model import CLASSES, NONE, Candidate, Vectors, features
from communique.events.triggers import candidate, pattern_match
from communique.stories import embeddings
from communique.train.cameo import Row, convert
from communique.train.cameo import write as write_lexicon

DIMENSIONS = 128  # the first 128 of WordLlama's 256 (a Matryoshka embedding), renormalised
SEED = 0
VALIDATION_SHARE = 0.2
SENTENCES = Path(__file__).parent / "data" / "event_sentences.tsv"
NEWS = Path(__file__).parent / "data" / "event_news.jsonl"
MODEL = Path(event_model.__file__).parent / "data" / event_model.FILE
LEXICON = Path(event_model.__file__).parent / "data" / "cameo.tsv"
_MODE_FIXES = {"sieze": "seize", "primative": "primitive"}


@dataclass(slots=True)
class Example:
    candidate: Candidate
    label: str
    mode: str
    weight: float
    source: str


@dataclass(slots=True)
class Story:
    """One synthetic story's labelled sentences: its headline and its lead."""

    template: str
    label: str
    mode: str
    headline: str
    lead: str


@dataclass(slots=True)
class Report:
    examples: Counter[str] = field(default_factory=Counter)
    validation: dict[str, dict] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    words: int = 0


# -- data ----------------------------------------------------------------------------------


def read_stories(path: Path) -> list[Story]:
    stories = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            headline = row["prompt"].split("\n", 1)[0].strip()
            lead = row["text"].strip().split("\n", 1)[0]
            mode = row["mode"].strip().lower()
            stories.append(
                Story(
                    row["title"].strip(),
                    row["label"].strip(),
                    _MODE_FIXES.get(mode, mode),
                    sentence_case(headline, row["title"].strip()),
                    lead,
                )
            )
    return stories


def sentence_case(headline: str, template: str | None = None) -> str:
    """ "Rebels in Chad Lay Down Arms" -> "Rebels in Chad lay down arms": a headline's
    capitals mislead the tagger. The template's own words are lowered (but the first and
    acronyms); what filled its slots ("{country_1}": Chad) is kept as it is."""
    parts = re.split(r"(\{[a-z_0-9]+\})", (template or headline).strip())
    pattern = "".join("(.+?)" if p.startswith("{") else re.escape(p) for p in parts)
    found = re.fullmatch(pattern, headline.strip()) if template else None
    if template and found is None:
        return headline
    fills = iter(found.groups() if found else ())
    out = []
    for part in parts:
        if part.startswith("{"):
            out.append(next(fills))
            continue
        out.append(
            " ".join(
                w if w.isupper() or (not out and n == 0) else w.lower()
                for n, w in enumerate(part.split(" "))
            )
        )
    return "".join(out)


def split_templates(stories: Sequence[Story]) -> tuple[set[str], set[str]]:
    """Train and validation templates: a fifth of each label's templates, by a fixed seed."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for story in stories:
        if story.template not in by_label[story.label]:
            by_label[story.label].append(story.template)
    rng = random.Random(SEED)
    train, validation = set(), set()
    for label in sorted(by_label):
        templates = sorted(by_label[label])
        rng.shuffle(templates)
        cut = max(1, round(len(templates) * VALIDATION_SHARE))
        validation.update(templates[:cut])
        train.update(templates[cut:])
    return train, validation


def read_sentences(path: Path = SENTENCES) -> list[tuple[str, str, str, str]]:
    """(type, mode, trigger, sentence) rows of the sentences written for training."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, mode, trigger, text = line.split("\t")
        rows.append((kind, "" if mode == "-" else mode, trigger, text))
    return rows[1:] if rows and rows[0][0] == "type" else rows


@dataclass(frozen=True, slots=True)
class NewsSentence:
    """A written news sentence: its type (None: it reports no event), mode and trigger word."""

    type: str | None
    mode: str
    trigger: str
    text: str


def read_news(path: Path = NEWS) -> list[NewsSentence]:
    """The sentences of a JSON-lines file in the schema of ``benchmarks/data/plover_written``
    (``trigger`` is the word heading the event, or the tempting word of a no-event line)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append(
                NewsSentence(
                    row.get("plover2_event"),
                    (row.get("plover2_mode") or "").lower(),
                    row.get("trigger") or "",
                    row["text"],
                )
            )
    return rows


def read_codebook(path: Path) -> list[tuple[str, str, str]]:
    """(type, mode, text) of each definition of a type and mode in the PLOVER codebook."""
    found = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind, mode = row["event"].strip(), row["mode"].strip().lower()
            if kind not in event_model.TYPES:
                continue
            for text in (row["mode_def"], row["event_def"]):
                text = re.sub(r"\([^)]*\)", "", text).strip()
                if text:
                    found.append((kind, mode, text[0].upper() + text[1:]))
    return list(dict.fromkeys(found))


# -- examples ------------------------------------------------------------------------------


def _candidates(sentence: Span) -> Iterator[tuple[Token, Candidate]]:
    for token in sentence:
        rule = pattern_match(token)
        pattern = cameo_lexicon.match(token)
        if rule is not None or pattern is not None:
            yield token, candidate(token, rule, pattern)


def _priors(found: Candidate) -> set[str]:
    rule = {"COMMIT": {"AGREE", "THREATEN"}}.get(found.rule or "", {found.rule})
    return {p for p in (*rule, found.cameo) if p}


def label_sentence(
    sentence: Span, label: str, mode: str, source: str, weight: float = 1.0
) -> list[Example]:
    """Weak candidate labels from a sentence's label (see the module's docstring)."""
    found = list(_candidates(sentence))
    if not found:
        return []
    positive = [(t, c) for t, c in found if label in _priors(c)]
    chosen = {t.i for t, _ in positive}
    examples = [Example(c, label, mode, weight, source) for _, c in positive]
    if not positive:
        return examples  # the event is told in words no lexicon has: nothing to learn here
    for token, c in found:
        if token.i not in chosen:
            examples.append(Example(c, NONE, "", weight / 2, source))
    return examples


def cameo_examples(rows: Iterable[Row], weight: float = 0.25) -> list[Example]:
    """One short phrase a CAMEO pattern ("recall * AMBASSADOR" SANCTION), with no prior:
    what it teaches is in the words' embeddings."""
    examples = []
    for row in rows:
        post = [slot.split("|")[0] for slot in row.post]
        pre = [slot.split("|")[0] for slot in row.pre]
        lemma = " ".join(w for w in (row.lemma, row.particle) if w)
        found = Candidate(
            lemma=lemma,
            pos=row.pos,
            object=post[-1] if post and row.pos == "VERB" else None,
            context=tuple(pre + post),
            rule=None,
            cameo=None,
            object_class=None,
            dependency="ROOT" if row.pos == "VERB" else "dobj",
        )
        examples.append(Example(found, row.type, row.mode, weight, "cameo"))
    return examples


def _trigger_token(doc: Doc, word: str) -> Token | None:
    """The token heading the first whole-word occurrence of ``word`` in the text."""
    at = re.search(rf"\b{re.escape(word)}\b", doc.text) if word else None
    span = doc.char_span(at.start(), at.end(), alignment_mode="expand") if at else None
    return span.root if span is not None else None


def written_examples(nlp: Language, rows: Sequence[tuple[str, str, str, str]]) -> list[Example]:
    examples = []
    for (kind, mode, trigger, _), doc in zip(rows, nlp.pipe(r[3] for r in rows), strict=True):
        token = _trigger_token(doc, trigger)
        if token is None:
            raise ValueError(f"trigger {trigger!r} not in {doc.text!r}")
        found = candidate(token, pattern_match(token), cameo_lexicon.match(token))
        examples.append(Example(found, kind, mode, 2.0, "written"))
    return examples


NEWS_WEIGHT = 2.0  # a written trigger's weight; 4.0 was tried and changed nothing (2026-12-01)


def news_examples(nlp: Language, rows: Sequence[NewsSentence]) -> list[Example]:
    """The trigger of each sentence is an example of its type; the sentence's other
    candidates, of none at half weight (unless the type is one of their priors: "agreed to
    a ceasefire" may hold two acts of it); in a sentence reporting none, every candidate and
    the tempting word are examples of none."""
    examples = []
    for row, doc in zip(rows, nlp.pipe(r.text for r in rows), strict=True):
        trigger = _trigger_token(doc, row.trigger)
        if row.type is not None and trigger is None:
            raise ValueError(f"trigger {row.trigger!r} not in {row.text!r}")
        found = {t.i: c for s in doc.sents for t, c in _candidates(s)}
        if row.type is None:
            if trigger is not None and trigger.i not in found:
                found[trigger.i] = candidate(trigger, None, None)
            examples += [Example(c, NONE, "", NEWS_WEIGHT / 2, "news") for c in found.values()]
            continue
        assert trigger is not None
        chosen = found.pop(trigger.i, None) or candidate(trigger, None, None)
        examples.append(Example(chosen, row.type, row.mode, NEWS_WEIGHT, "news"))
        for c in found.values():
            if row.type not in _priors(c):
                examples.append(Example(c, NONE, "", NEWS_WEIGHT / 2, "news"))
    return examples


def story_examples(nlp: Language, stories: Sequence[Story]) -> list[Example]:
    examples = []
    texts = [t for s in stories for t in (s.lead, s.headline)]
    docs = iter(nlp.pipe(texts, batch_size=64))
    for story in stories:
        for weight in (1.0, 0.5):  # the lead, then the headline
            doc = next(docs)
            first = next(doc.sents, None)
            if first is not None:
                examples += label_sentence(first, story.label, story.mode, "synthetic", weight)
    return examples


def codebook_examples(nlp: Language, rows: Sequence[tuple[str, str, str]]) -> list[Example]:
    examples = []
    for (kind, mode, _), doc in zip(rows, nlp.pipe(r[2] for r in rows), strict=True):
        for sentence in doc.sents:
            examples += label_sentence(sentence, kind, mode, "codebook")
    return examples


# -- vectors and fitting -------------------------------------------------------------------


def vocabulary(examples: Iterable[Example], extra: Iterable[str] = ()) -> list[str]:
    words: set[str] = {w.lower() for w in extra if w and not w.isspace()}
    for example in examples:
        c = example.candidate
        words.update(w for w in (c.lemma, c.object, *c.context) if w)
        words.update(c.lemma.split())
    return sorted(w for w in words if len(w) < 40 and any(ch.isalpha() for ch in w))


def word_vectors(words: Sequence[str]) -> numpy.ndarray:
    """WordLlama vectors (through ``stories.embeddings``), cut to ``DIMENSIONS``, unit."""
    rows = []
    for start in range(0, len(words), 4096):
        rows.append(embeddings.embed(list(words[start : start + 4096]))[:, :DIMENSIONS])
    vectors = numpy.vstack(rows) if rows else numpy.zeros((0, DIMENSIONS), numpy.float32)
    norms = numpy.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = numpy.divide(vectors, norms, out=numpy.zeros_like(vectors), where=norms > 0)
    return vectors.astype(numpy.float16)


def design(examples: Sequence[Example], vectors: Vectors) -> numpy.ndarray:
    return numpy.vstack([features(e.candidate, vectors) for e in examples]).astype(numpy.float32)


def fit(
    x: numpy.ndarray,
    y: numpy.ndarray,
    weight: numpy.ndarray,
    classes: int,
    l2: float = 1e-3,
    iterations: int = 400,
    rate: float = 0.05,
) -> numpy.ndarray:
    """Weights of a softmax regression: full-batch Adam on the weighted log loss plus an L2
    penalty (not on the bias, the last feature). Deterministic: no sampling at all."""
    weights = numpy.zeros((x.shape[1], classes), dtype=numpy.float64)
    target = numpy.zeros((len(y), classes))
    target[numpy.arange(len(y)), y] = 1.0
    share = weight / weight.sum()
    first = numpy.zeros_like(weights)
    second = numpy.zeros_like(weights)
    penalty = numpy.ones((x.shape[1], 1))
    penalty[-1] = 0.0
    for step in range(1, iterations + 1):
        p = event_model.softmax(x @ weights)
        gradient = x.T @ ((p - target) * share[:, None]) + l2 * penalty * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        corrected = first / (1 - 0.9**step)
        weights -= rate * corrected / (numpy.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights.astype(numpy.float32)


def balanced(labels: Sequence[str], weights: Sequence[float]) -> numpy.ndarray:
    """Example weights times the inverse weight of their class (each class weighs the same)."""
    totals: Counter[str] = Counter()
    for label, weight in zip(labels, weights, strict=True):
        totals[label] += weight
    return numpy.asarray(
        [w / totals[label] for label, w in zip(labels, weights, strict=True)], dtype=numpy.float64
    )


def train_model(examples: Sequence[Example], vectors: Vectors, words: Sequence[str]) -> dict:
    """The arrays of ``event_model.npz`` (thresholds at their defaults)."""
    x = design(examples, vectors)
    scale = 1.0 / numpy.maximum(x.std(axis=0), 1e-2)
    scale[-1] = 1.0
    x = x * scale
    labels = [e.label for e in examples]
    y = numpy.asarray([CLASSES.index(label) for label in labels])
    type_weights = fit(x, y, balanced(labels, [e.weight for e in examples]), len(CLASSES))
    moded = [e for e in examples if e.label != NONE]
    modes = sorted({e.mode for e in moded} | {""})
    mode_rows = numpy.asarray([i for i, e in enumerate(examples) if e.label != NONE])
    mode_y = numpy.asarray([modes.index(e.mode) for e in moded])
    mode_labels = [e.mode for e in moded]
    mode_weights = fit(
        x[mode_rows], mode_y, balanced(mode_labels, [e.weight for e in moded]), len(modes)
    )
    mask = numpy.zeros((len(CLASSES), len(modes)), dtype=bool)
    for e in moded:
        mask[CLASSES.index(e.label), modes.index(e.mode)] = True
    return {
        "words": numpy.asarray(words),
        "vectors": vectors.vectors.astype(numpy.float16),
        "scale": scale.astype(numpy.float32),
        "type_weights": type_weights,
        "mode_weights": mode_weights,
        "modes": numpy.asarray(modes),
        "mode_mask": mask,
        "add_threshold": numpy.asarray(0.5),
        "retype_threshold": numpy.asarray(1.01),
        "veto_threshold": numpy.asarray(1.01),
    }


# -- validation ----------------------------------------------------------------------------


def scores(gold: Sequence[str], predicted: Sequence[set[str]]) -> dict:
    """Per-type and macro F1 over (sentence, type) pairs, as ``eval plover`` counts them."""
    per_type = {}
    for kind in event_model.TYPES:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == kind and kind in p)
        n_pred = sum(1 for p in predicted if kind in p)
        n_gold = sum(1 for g in gold if g == kind)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[kind] = {"p": precision, "r": recall, "f1": f1, "gold": n_gold}
    present = [v["f1"] for v in per_type.values() if v["gold"]]
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g in p)
    n_pred = sum(len(p) for p in predicted)
    micro_p, micro_r = (tp / n_pred if n_pred else 0.0), tp / len(gold)
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {
        "macro_f1": sum(present) / len(present),
        "f1": micro,
        "p": micro_p,
        "r": micro_r,
        "types": per_type,
    }


def model_predictions(model: event_model.EventModel, docs: Sequence[Doc]) -> list[set[str]]:
    """The model alone: a sentence's type is its most probable candidate's (none if all of
    its candidates are most likely none)."""
    predicted = []
    for doc in docs:
        sentence = next(doc.sents)
        found = [c for _, c in _candidates(sentence)]
        if not found:
            predicted.append(set())
            continue
        p = model.probabilities(found)[:, : len(event_model.TYPES)]
        row, column = numpy.unravel_index(int(p.argmax()), p.shape)
        none = model.probabilities([found[row]])[0, -1]
        predicted.append(set() if none > p[row, column] else {event_model.TYPES[column]})
    return predicted


def coder_events(docs: Sequence[Doc], model: event_model.EventModel | None) -> list[set]:
    """The coder's (type, trigger offset) pairs for each parsed document (actors and
    statements already found)."""
    found = []
    with event_model.using(model):
        for doc in docs:
            events = code_events(doc, "v", doc._.actor_directory, doc._.statements or [])
            found.append({(e.type, e.trigger.start) for e in events})
    return found


def coder_predictions(docs: Sequence[Doc], model: event_model.EventModel | None) -> list[set[str]]:
    """The coder's types for each parsed document."""
    return [{kind for kind, _ in events} for events in coder_events(docs, model)]


def precision(gold: Sequence[str], events: Sequence[set]) -> float:
    """The share of events whose type is their sentence's label (1.0 for none)."""
    total = sum(len(found) for found in events)
    right = sum(1 for g, found in zip(gold, events, strict=True) for kind, _ in found if kind == g)
    return right / total if total else 1.0


ADD_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
RETYPE_THRESHOLDS = (0.6, 0.7, 0.8, 0.9, 1.01)
VETO_THRESHOLDS = (0.6, 0.7, 0.8, 0.9, 1.01)
FALLBACK_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 1.01)


TOLERANCE = 0.01  # a validation macro-F1 this close to the best is no better than noise


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The coder's use of the model: each is the model's ``<name>_threshold``."""

    add: float
    retype: float
    veto: float
    fallback: float = 0.3  # the model's default

    def apply(self, model: event_model.EventModel) -> None:
        for name, value in asdict(self).items():
            setattr(model, f"{name}_threshold", value)


def choose_thresholds(
    model: event_model.EventModel, docs: Sequence[Doc], gold: Sequence[str]
) -> tuple[Thresholds, dict]:
    """The adding, re-typing and vetoing thresholds. Admissible: those at which the events
    the model adds or re-types are at least as often of their sentence's type as the coder's
    events at the most conservative thresholds (the rules and the fallback), and the coder's
    events as a whole too (the thresholds may not lower the coder's precision). Of those,
    the ones whose coder macro-F1 on the validation sentences is within ``TOLERANCE`` of the
    best, changing the rules least (the highest veto threshold, then re-typing, then adding).
    ``gold`` is each sentence's type, ``NONE`` for one reporting no event (any event coded
    there is wrong)."""
    Thresholds(max(ADD_THRESHOLDS), max(RETYPE_THRESHOLDS), max(VETO_THRESHOLDS)).apply(model)
    rules = coder_events(docs, model)
    floor = precision(gold, rules)
    results = {}
    for add in ADD_THRESHOLDS:
        for retype in RETYPE_THRESHOLDS:
            for veto in VETO_THRESHOLDS:
                Thresholds(add, retype, veto).apply(model)
                found = coder_events(docs, model)
                changed = [now - before for now, before in zip(found, rules, strict=True)]
                if precision(gold, changed) >= floor and precision(gold, found) >= floor:
                    types = [{kind for kind, _ in events} for events in found]
                    results[Thresholds(add, retype, veto)] = scores(gold, types)
    best = max(r["macro_f1"] for r in results.values())
    near = [k for k, r in results.items() if r["macro_f1"] >= best - TOLERANCE]
    chosen = max(near, key=lambda k: (k.veto, k.retype, k.add))
    return _choose_fallback(model, docs, gold, chosen), results[chosen]


def _choose_fallback(
    model: event_model.EventModel,
    docs: Sequence[Doc],
    gold: Sequence[str],
    chosen: Thresholds,
) -> Thresholds:
    """The fallback threshold, with the others fixed: the lowest (the most sentences given
    an event) whose coder macro-F1 is within ``TOLERANCE`` of the best. The fallback is
    there for recall: a sentence of news left without an event more likely reports one
    than not. Its guesses are less often right than the rules' events, so it is held to
    macro-F1 (the no-event sentences among the validation ones count its false events),
    not to the rules' precision."""
    results = {}
    for fallback in FALLBACK_THRESHOLDS:
        replace(chosen, fallback=fallback).apply(model)
        results[fallback] = scores(gold, coder_predictions(docs, model))["macro_f1"]
    best = max(results.values())
    fallback = min(f for f, score in results.items() if score >= best - TOLERANCE)
    return replace(chosen, fallback=fallback)


def train(
    synthetic: Path,
    codebook: Path,
    cameo_dictionary: Path,
    cameo_mapping: Path,
    nlp: Language,
    lexicon: Path,
    sentences: Path = SENTENCES,
    news: Path = NEWS,
    validation: Sequence[Path] = (),
    say: Callable[[str], None] = lambda _: None,
) -> tuple[dict, Report]:
    """Train on everything but the validation templates; choose the thresholds on the
    ``validation`` sentences (else on the validation templates' leads).

    ``nlp`` is communique's full pipeline (its parse for the examples; its actors and
    attribution for the coder's validation). Writes the CAMEO lexicon to ``lexicon`` first:
    the candidates are read from it."""
    report = Report()
    rows = convert(cameo_dictionary, cameo_mapping)
    write_lexicon(rows, lexicon)
    cameo_lexicon.reload()
    say(f"CAMEO: {len(rows)} patterns written to {lexicon}")
    stories = read_stories(synthetic)
    train_templates, validation_templates = split_templates(stories)
    training = [s for s in stories if s.template in train_templates]
    held_out = [s for s in stories if s.template in validation_templates]
    parse = nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("communique")])
    with parse:
        examples = cameo_examples(rows)
        examples += story_examples(nlp, training)
        examples += codebook_examples(nlp, read_codebook(codebook))
        examples += written_examples(nlp, read_sentences(sentences))
        if news.is_file():
            examples += news_examples(nlp, read_news(news))
        unlabelled = Counter(
            t.lower_
            for doc in nlp.tokenizer.pipe(s.lead + " " + s.headline for s in training)
            for t in doc
            if t.is_alpha
        )
    report.examples = Counter(f"{e.source}:{e.label}" for e in examples)
    say(f"{len(examples)} training examples from {len(train_templates)} templates")
    words = vocabulary(examples, (w for w, n in unlabelled.items() if n >= 2))
    vectors = Vectors(words, word_vectors(words))
    report.words = len(words)
    arrays = train_model(examples, vectors, words)
    model = event_model.EventModel(arrays)
    gold = [s.label for s in held_out]
    with event_model.using(None), nlp.select_pipes(disable=["communique_events"]):
        docs = list(nlp.pipe((s.lead for s in held_out), batch_size=64))
    report.validation["model"] = scores(gold, model_predictions(model, docs))
    report.validation["rules"] = scores(gold, coder_predictions(docs, None))
    synthetic_docs, synthetic_gold = docs, gold
    if validation:
        held = [row for path in validation for row in read_news(path)]
        gold = [row.type or NONE for row in held]
        with event_model.using(None), nlp.select_pipes(disable=["communique_events"]):
            docs = list(nlp.pipe((row.text for row in held), batch_size=64))
        report.validation["written rules"] = scores(gold, coder_predictions(docs, None))
    thresholds, result = choose_thresholds(model, docs, gold)
    if validation:
        report.validation["written coder"] = result
    thresholds.apply(model)
    report.validation["coder"] = scores(synthetic_gold, coder_predictions(synthetic_docs, model))
    report.thresholds = asdict(thresholds)
    for name, value in report.thresholds.items():
        arrays[f"{name}_threshold"] = numpy.asarray(value)
    return arrays, report


def write_model(arrays: dict, out: Path) -> None:
    """The model file (a NumPy ``.npz``), byte for byte the same for the same arrays: the
    zip entries are sorted and carry a fixed date."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            numpy.lib.format.write_array(buffer, numpy.asarray(arrays[name]), allow_pickle=False)
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, buffer.getvalue())


def format_report(report: Report) -> str:
    """The validation table: per-type F1 of the rules alone, the model alone, and the coder
    with the model, on the validation templates' lead sentences; then the written validation
    sentences' macro-F1, where the thresholds were chosen on them."""
    runs = ("rules", "model", "coder")
    lines = [f"{'type':<10} {'gold':>5} " + " ".join(f"{r:>6}" for r in runs)]
    for kind in event_model.TYPES:
        gold = report.validation["rules"]["types"][kind]["gold"]
        cells = " ".join(f"{report.validation[r]['types'][kind]['f1']:6.3f}" for r in runs)
        lines.append(f"{kind:<10} {gold:>5} {cells}")
    for name, key in (("macro-F1", "macro_f1"), ("micro-F1", "f1")):
        cells = " ".join(f"{report.validation[r][key]:6.3f}" for r in runs)
        lines.append(f"{name:<10} {'':>5} {cells}")
    if "written coder" in report.validation:
        rules, coder = report.validation["written rules"], report.validation["written coder"]
        lines.append(
            f"written validation sentences: macro-F1 rules {rules['macro_f1']:.3f},"
            f" coder {coder['macro_f1']:.3f} (the thresholds were chosen on them)"
        )
    thresholds = report.thresholds
    lines.append(
        f"thresholds: add {thresholds['add']}, re-type {thresholds['retype']},"
        f" veto {thresholds['veto']}, fallback {thresholds['fallback']};"
        f" {sum(report.examples.values())} examples,"
        f" {report.words} words"
    )
    return "\n".join(lines)
