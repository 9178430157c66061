"""Topics: the issues a statement is about, as normalised labels, so that two parties' accounts
of one call can be compared ("the Games", "the Beijing Winter Olympics" -> "Winter Olympics";
"the Taiwan issue" -> "Taiwan"; "Russian aggression against Ukraine" -> "Russia", "Ukraine").

A text region's topics come from three sources: states it names (named entities and
title-case words read through the actors' gazetteer: "Kyiv" and "Ukrainian" are Ukraine),
phrases of the issue vocabulary (``data/topics.tsv``, ours, and ``data/issues.tsv``, Phoenix's
issue coding; matched word by word on the lowercase form or the lemma), and "the X issue" or
"the X question" -> X. A topic is a place (a state, or a vocabulary row of kind place) or an
issue. A state that is a party of the statement (its speaker, addressee or carrier) is not one
of its topics: every statement in a call names the other side. A statement whose issues have
no place of their own takes the places of the statement that carries it (``parent``): a
minister who "stressed that de-escalation was the only path", quoted in a readout about Ukraine,
spoke of Ukraine.

``merge`` maps labels from many documents to one label per topic: first lexically (the
vocabulary and the gazetteer: "the Olympics" -> "Olympics"), then by the cosine similarity of
their embeddings (``embeddings``). Two distinct places never merge ("North Korea" and "South
Korea" embed at 0.63), nor two distinct vocabulary labels unless one's words hold the other's
("Olympics" and "Winter Olympics" may; "nuclear weapons" and "nuclear energy", at 0.63, may
not). ``THRESHOLD`` was chosen on the 34 synonym and 35 distinct pairs of
tests/stories/test_topics.py: the vocabulary, the gazetteer and the two rules decide 49 of them;
of the 20 left to the embeddings (synonyms 0.58-1.00, distinct -0.05-0.71), every cut between
0.618 and 0.628 misjudges 3, the fewest (two synonyms split: "the trade deficit" and "the trade
imbalance" at 0.58, "maritime disputes" and "disputes at sea" at 0.59; one distinct pair merged:
"the trade deficit" and "trade disputes" at 0.71). A static embedding weighs shared words, so
free-text labels that share a word are its weak spot: the vocabulary is what keeps topics apart.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.tokens import Doc, Span, Token

from communique.actors import ActorDirectory, load_gazetteer
from communique.data import read_tsv
from communique.records import Statement
from communique.stories import embeddings

THRESHOLD = 0.62  # cosine at or above which two labels are one topic (see the module docstring)

# "the Taiwan issue", "the question of Palestine": X is the topic
ISSUE_HEADS = frozenset({"issue", "question"})
# words that make "the X issue" no topic of its own ("the key issue", "this policy question")
GENERIC = frozenset(
    {"key", "core", "main", "policy", "related", "relevant", "important", "other", "major"}
)
# a Phoenix phrase inside a name is not that name's topic ("Democratic" in "the Democratic
# Republic of the Congo"); our own phrases may be ("the Beijing Winter Olympics")
NAMES = frozenset({"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "NORP", "ORG"})
OURS, PHOENIX = 0, 1  # where a phrase comes from; ours wins where both match the same words


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]  # lowercase, or as written when ``cased``
    label: str  # "" for an exclusion ("olive oil" is not the issue "oil")
    place: bool
    cased: bool
    source: int  # OURS or PHOENIX


@dataclass(frozen=True, slots=True)
class Vocabulary:
    starts: Mapping[str, tuple[Phrase, ...]]  # by first word
    labels: frozenset[str]  # every label of the vocabulary
    places: frozenset[str]  # the labels that are places


@dataclass(frozen=True, slots=True)
class Found:
    """A topic found in a text: its label, whether it is a place, and the tokens it covers."""

    label: str
    place: bool
    start: int
    end: int


@cache
def tokenizer() -> spacy.tokenizer.Tokenizer:
    """spaCy's English tokenizer, to split phrases as texts are split."""
    return spacy.blank("en").tokenizer


@cache
def vocabulary() -> Vocabulary:
    """The phrases of ``topics.tsv`` and ``issues.tsv``, indexed by their first word."""
    rows = [(r["phrase"], r["label"], r["kind"] == "place", OURS) for r in _rows("topics.tsv")]
    rows += [(r["phrase"], r["label"], False, PHOENIX) for r in _rows("issues.tsv")]
    starts: dict[str, list[Phrase]] = {}
    split = tokenizer()
    for text, label, place, source in rows:
        cased = text != text.lower()
        words = tuple(t.text if cased else t.lower_ for t in split(text))
        if words:
            starts.setdefault(words[0], []).append(Phrase(words, label, place, cased, source))
    labels = {label for _, label, _, _ in rows if label}
    places = {label for _, label, place, _ in rows if place}
    return Vocabulary(
        {word: tuple(phrases) for word, phrases in starts.items()},
        frozenset(labels),
        frozenset(places),
    )


def _rows(filename: str) -> list[dict[str, str]]:
    return read_tsv(__package__, filename)


def _lemma(token: Token) -> str:
    """The token's lemma, or for a text tokenized without a model, its singular guessed."""
    if token.lemma_:
        return token.lemma_
    text = token.text
    return text[:-1] if len(text) > 3 and text.endswith("s") and not text.endswith("ss") else text


def _matches(word: str, cased: bool, token: Token) -> bool:
    if cased:
        return word in (token.text, _lemma(token))
    return word in (token.lower_, _lemma(token).lower())


def phrases_in(tokens: Span | Doc, vocab: Vocabulary | None = None) -> list[Found]:
    """The vocabulary's phrases in ``tokens``, longest first where they overlap (ours before
    Phoenix's on the same words); exclusions take their words and give nothing."""
    vocab = vocab or vocabulary()
    doc = tokens.doc if isinstance(tokens, Span) else tokens
    offset = tokens.start if isinstance(tokens, Span) else 0
    candidates: list[tuple[int, int, Phrase]] = []
    for i, token in enumerate(tokens):
        for key in {token.text, token.lower_, _lemma(token), _lemma(token).lower()}:
            for phrase in vocab.starts.get(key, ()):
                end = i + len(phrase.words)
                if end <= len(tokens) and all(
                    _matches(w, phrase.cased, tokens[i + k]) for k, w in enumerate(phrase.words)
                ):
                    candidates.append((offset + i, offset + end, phrase))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2].source, c[0]))
    taken: set[int] = set()
    found = []
    for start, end, phrase in candidates:
        if taken.intersection(range(start, end)):
            continue
        if phrase.source == PHOENIX and _names(doc, start, end):
            continue
        taken.update(range(start, end))
        if phrase.label:
            found.append(Found(phrase.label, phrase.place, start, end))
    return sorted(found, key=lambda f: f.start)


def _names(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens start..end are part of a longer name (an entity of ``NAMES``) or name a
    group ("the Democrats", "Democratic voters": a party, not democracy)."""
    if any(t.ent_type_ == "NORP" for t in doc[start:end]):
        return True
    first = doc[start]
    if first.ent_type_ in NAMES and first.ent_iob_ == "I":
        return True
    return end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ in NAMES


def state_of(text: str) -> str | None:
    """The name of the state a name, a capital or a demonym stands for ("Kyiv", "Ukrainian",
    "the US" -> "United States"), or None."""
    gaz = load_gazetteer()
    entry = gaz.lookup(text)
    if entry is not None and entry.kind == "state":
        return entry.name
    iso3 = gaz.demonyms.get(text.lower())
    return gaz.country_name(iso3) if iso3 else None


def entities_in(tokens: Span | Doc, ents: Sequence[Span] | None = None) -> Sequence[Span]:
    """The entities inside ``tokens``, from ``ents`` (the document's, in order) when given:
    ``Span.ents`` walks all the document's entities before it, once per statement."""
    if ents is None:
        return tokens.ents
    start, end = (tokens.start, tokens.end) if isinstance(tokens, Span) else (0, len(tokens))
    first = bisect.bisect_left(ents, start, key=lambda e: e.start)
    last = bisect.bisect_left(ents, end, key=lambda e: e.start)
    return [e for e in ents[first:last] if e.end <= end]


def states_in(tokens: Span | Doc, ents: Sequence[Span] | None = None) -> list[Found]:
    """The states ``tokens`` name: entities that are states' names, capitals or demonyms, and
    title-case words outside entities that are ("Ukrainian" tagged an adjective)."""
    found = []
    inside: set[int] = set()
    for ent in entities_in(tokens, ents):
        inside.update(range(ent.start, ent.end))
        if ent.label_ in PLACE_ENTITIES and (name := state_of(ent.text)):
            found.append(Found(name, True, ent.start, ent.end))
    for token in tokens:
        if token.i in inside or not token.is_title or token.pos_ not in ("PROPN", "ADJ"):
            continue
        if name := state_of(token.text):
            found.append(Found(name, True, token.i, token.i + 1))
    return sorted(found, key=lambda f: f.start)


def issue_questions(tokens: Span | Doc) -> list[Found]:
    """X of "the X issue", "the X question" and "the question of X" (X a name or a noun)."""
    found = []
    for token in tokens:
        if token.lemma_.lower() not in ISSUE_HEADS or token.pos_ != "NOUN":
            continue
        words = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
        words += [
            g
            for c in token.rights
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN"
        ]
        for word in words:
            phrase = token.doc[word.left_edge.i : word.i + 1]
            if phrase[0].pos_ == "DET":
                phrase = phrase[1:]
            if not len(phrase) or phrase.root.lower_ in GENERIC:
                continue
            name = state_of(phrase.text)
            proper = phrase.root.pos_ == "PROPN"
            label = name or (phrase.text if proper else phrase.text.lower())
            found.append(Found(label, bool(name) or proper, phrase.start, phrase.end))
    return found


def found_in(tokens: Span | Doc, ents: Sequence[Span] | None = None) -> list[Found]:
    """Every topic of a text region, in the order of the text; a state inside an issue's
    phrase is not a topic of its own ("Beijing" in "the Beijing Winter Olympics")."""
    phrases = phrases_in(tokens)
    covered = {i for f in phrases if not f.place for i in range(f.start, f.end)}
    states = [f for f in states_in(tokens, ents) if f.start not in covered]
    taken = {i for f in [*phrases, *states] for i in range(f.start, f.end)}
    questions = [f for f in issue_questions(tokens) if f.start not in taken]
    return sorted([*phrases, *states, *questions], key=lambda f: f.start)


def region(
    doc: Doc, spans: Iterable[tuple[int, int]], ents: Sequence[Span] | None = None
) -> list[Found]:
    """The topics of the character spans of ``doc`` (a statement's content); ``ents``:
    ``doc.ents``, read once for all of a document's statements."""
    ents = doc.ents if ents is None else ents
    found = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.extend(found_in(span, ents))
    return found


def labels(found: Iterable[Found]) -> list[str]:
    """The labels, each once, in order."""
    return list(dict.fromkeys(f.label for f in found))


def parties(statement: Statement, actors: ActorDirectory) -> set[str]:
    """The names of the states the statement's speaker, addressee and carrier act for (a
    group's members' too): they are parties of the exchange, not its topics."""
    gaz = load_gazetteer()
    names = set()
    pending = [statement.speaker, statement.addressee, statement.via_actor]
    seen: set[str] = set()
    while pending:
        actor = actors.get(pending.pop())
        if actor is None or actor.id in seen:
            continue
        seen.add(actor.id)
        if actor.country:
            names.add(gaz.country_name(actor.country))
        pending.extend(actor.members)
    return names


def statement_topics(
    own: Mapping[str, list[Found]],
    statements: Sequence[Statement],
    party_names: Mapping[str, Collection[str]],
) -> dict[str, list[str]]:
    """Each statement's topics: its own places that are not its parties, then its issues; a
    statement whose issues have no such place takes those of the statement carrying it."""

    def places(statement: Statement) -> list[str]:
        parties_ = party_names.get(statement.id, ())
        return [f.label for f in own.get(statement.id, []) if f.place and f.label not in parties_]

    by_id = {s.id: s for s in statements}
    out = {}
    for statement in statements:
        issues = [f.label for f in own.get(statement.id, []) if not f.place]
        where = places(statement)
        parent = by_id.get(statement.parent or "")
        if issues and not where and parent is not None:
            parties_ = party_names.get(statement.id, ())
            where = [p for p in places(parent) if p not in parties_]
        out[statement.id] = list(dict.fromkeys([*where, *issues]))
    return out


def assign(doc: Doc, statements: Sequence[Statement], actors: ActorDirectory) -> None:
    """Set ``topics`` on every statement of a parsed document."""
    ents = doc.ents
    own = {s.id: region(doc, [(c.start, c.end) for c in s.content], ents) for s in statements}
    party_names = {s.id: parties(s, actors) for s in statements}
    topics = statement_topics(own, statements, party_names)
    for statement in statements:
        statement.topics = topics[statement.id]


# Across documents: one label per topic.


def text_topics(text: str) -> list[Found]:
    """The topics of a short text without a parse (a label, an omission's "the Olympics"):
    the vocabulary's phrases (lemmas guessed) and the states named in title-case words."""
    doc = tokenizer()(text)
    phrases = phrases_in(doc)
    covered = {i for f in phrases for i in range(f.start, f.end)}
    states = [
        Found(name, True, t.i, t.i + 1)
        for t in doc
        if t.i not in covered and (t.is_title or t.is_upper) and (name := state_of(t.text))
    ]
    return sorted([*phrases, *states], key=lambda f: f.start)


@cache
def canonical(label: str) -> str:
    """The vocabulary's or the gazetteer's name of a label's one topic ("the Games" ->
    "Olympics"; "Russian aggression against Ukraine" -> "Ukraine": a state named beats one
    only a demonym points to), or the label itself when it names none or several."""
    label = " ".join(label.split())
    if name := state_of(label):
        return name
    found = text_topics(label)
    issues = labels(f for f in found if not f.place)
    if issues:
        return issues[0] if len(issues) == 1 else label
    places = labels(f for f in found if f.place)
    doc = tokenizer()(label)
    gaz = load_gazetteer()
    named = labels(f for f in found if f.place and gaz.lookup(doc[f.start : f.end].text))
    if len(places) == 1:
        return places[0]
    return named[0] if len(named) == 1 else label


def is_place(label: str) -> bool:
    """Whether a (canonical) label is a place: a state or a place of the vocabulary."""
    return label in vocabulary().places or state_of(label) == label


def _words(label: str) -> set[str]:
    return set(label.lower().split())


def _comparable(a: str, b: str) -> bool:
    """Whether two different canonical labels may be one topic at all."""
    if is_place(a) and is_place(b):
        return False
    known = vocabulary().labels
    if a in known and b in known:
        return _words(a) <= _words(b) or _words(b) <= _words(a)
    return True


def same_topic(a: str, b: str) -> bool:
    """Whether two labels name one topic ("Winter Games", "the Winter Olympics": yes;
    "Taiwan", "Ukraine": no)."""
    first, second = canonical(a), canonical(b)
    if first.lower() == second.lower():
        return True
    if not _comparable(first, second):
        return False
    return embeddings.similarity(first, second) >= THRESHOLD


def merge(labels_: Sequence[str]) -> dict[str, str]:
    """Each label -> the one label of its topic, for labels from many documents; the topic's
    label is its most frequent canonical label (ties: the first seen)."""
    canon = {label: canonical(label) for label in labels_}
    counts = Counter(canon[label] for label in labels_)
    first_seen = {c: i for i, c in reversed(list(enumerate(canon[x] for x in labels_)))}
    ordered = sorted(counts, key=lambda c: (-counts[c], first_seen[c]))
    vectors = embeddings.embed(ordered)
    similar = embeddings.cosine(vectors, vectors)
    chosen: dict[str, str] = {}
    heads: list[int] = []
    for i, label in enumerate(ordered):
        fits = [
            h
            for h in heads
            if ordered[h].lower() == label.lower()
            or (_comparable(ordered[h], label) and similar[i, h] >= THRESHOLD)
        ]
        if fits:
            chosen[label] = ordered[max(fits, key=lambda h: float(similar[i, h]))]
        else:
            heads.append(i)
            chosen[label] = label
    return {label: chosen[canon[label]] for label in labels_}
