"""Omissions: sentences that report that a party left something out.

"The State Department's readout made no mention of the Olympics", "Price did not
mention Taiwan", "The Olympics and Taiwan were not mentioned in the readout", "the
American readout left the charge out", "said nothing about the sanctions", "without
mentioning the Games". Each thing left out is an ``Omission``: the party (the
readout's owner, or whoever did not mention it), the topic as written, and the
sentence that says so. Stories compare accounts with them.

Words from ``data/omission_words.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Token

from communique.attribution.lexicon import channel_type
from communique.attribution.speakers import SpeakerResolver
from communique.data import read_tsv
from communique.positions import sentence, text
from communique.records import Omission, Span
from communique.syntax import SUBJECTS

_OMISSIONS = "communique.omissions"
_NEGATIONS = frozenset({"not", "n't", "never", "no"})


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word lists, by name."""
    rows = read_tsv(__package__, "omission_words.tsv")
    return {row["list"]: frozenset(row["words"].split("|")) for row in rows}


def omissions_of(doc: Doc) -> list[Omission]:
    """The omissions ``extract_statements`` found in a document."""
    return doc.user_data.get(_OMISSIONS) or []


def find_omissions(doc: Doc, doc_id: str, resolver: SpeakerResolver) -> list[Omission]:
    """The omissions a document reports, in text order; ``resolver`` after the document's
    statements were resolved, so that "he" and "the statement" point where they did there."""
    full = text(doc)
    found: list[Omission] = []
    seen: set[tuple[int, int]] = set()
    for omitter, topics in _omissions(doc):
        omitter = omitter or _document_around(topics)
        party = _party(omitter, resolver) if omitter is not None else None
        for topic in topics:
            start, end = _phrase(topic)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            said = sentence(topic)
            found.append(
                Omission(
                    id=f"{doc_id}:o{len(found) + 1}",
                    doc_id=doc_id,
                    party=party,
                    topic=Span.of(full, start, end),
                    evidence=Span.of(full, said.start_char, said.end_char),
                )
            )
    doc.user_data[_OMISSIONS] = found
    return found


def _omissions(doc: Doc) -> Iterator[tuple[Token | None, list[Token]]]:
    """(who or what left it out, the heads of what was left out) for each form."""
    lists = words()
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in lists["nouns"] and token.pos_ == "NOUN" and _negated_noun(token):
            # "made no mention of X", "There was no mention of X", "No mention was made of X"
            topics = _objects_of(token, "of") or _objects_of(token, "to")
            if not topics and token.head.lemma_.lower() == "make":
                topics = _objects_of(token.head, "of")
            if topics:
                yield _omitter(token.head if token.dep_ != "attr" else token), topics
        elif token.pos_ in {"VERB", "AUX"} and lemma in lists["verbs"]:
            topics = _verb_topics(token, lemma)
            if topics and _not_done(token, lemma):
                yield _omitter(token), topics
        elif lemma == "say" and token.pos_ == "VERB":
            # "said nothing about X"
            for thing in (c for c in token.children if c.dep_ == "dobj" and c.lower_ == "nothing"):
                topics = _objects_of(thing, "about") or _objects_of(thing, "on")
                if topics:
                    yield _omitter(token), topics
        elif lemma == "silent" and token.dep_ == "acomp":
            # "was silent on X"
            topics = _objects_of(token, "on") or _objects_of(token, "about")
            if topics:
                yield _omitter(token.head), topics


def _negated_noun(noun: Token) -> bool:
    """ "no mention", "not a single reference", "without any mention"."""
    if any(c.dep_ in {"det", "neg"} and c.lower_ in _NEGATIONS for c in noun.children):
        return True
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "without"


def _verb_topics(verb: Token, lemma: str) -> list[Token]:
    """What a verb of mentioning is about: its object ("mention Taiwan"), the subject of its
    passive ("Taiwan was not mentioned"), or its preposition's object ("refer to X")."""
    lists = words()
    if lemma == "leave" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return []  # "left the room" leaves nothing out
    if lemma in lists["prepositional"]:
        topics = _objects_of(verb, "to") or _objects_of(verb, "on")
    else:
        topics = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if verb.dep_ == "relcl" and all(t.tag_ in {"WDT", "WP"} for t in topics):
            topics = [verb.head]  # "grievances (that) the American text left out"
        topics = [t for thing in topics for t in _referred(thing)]
        topics = [t for head in topics for t in (head, *head.conjuncts)]
    if lemma in lists["issue_verbs"]:
        topics = [t for t in topics if t.lemma_.lower() in lists["issues"]]
    if lemma in lists["audience_verbs"]:
        # "did not address the nation" speaks to it
        topics = [t for t in topics if t.lemma_.lower() not in lists["audiences"]]
    return list(dict.fromkeys(topics))


def _referred(thing: Token) -> list[Token]:
    """ "any reference to Taiwan" -> Taiwan; other objects are themselves."""
    if thing.lemma_.lower() in words()["nouns"]:
        return _objects_of(thing, "to") or _objects_of(thing, "of")
    if thing.lower_ in {"nothing", "anything"}:
        return _objects_of(thing, "about") or _objects_of(thing, "on")
    return [thing]


def _not_done(verb: Token, lemma: str) -> bool:
    """Whether the text says the verb's act did not happen: negated ("did not mention"),
    failed or avoided ("failed to mention"), "without mentioning", or a verb of leaving out
    ("omitted", "left out", "ignored")."""
    if lemma in words()["leaving"]:
        return not any(c.dep_ == "neg" for c in verb.children)
    if any(c.dep_ == "neg" for c in verb.children):
        # "not to mention X" adds X; it does not leave it out
        return not (verb.lower_ == "mention" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "to")
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words()["failing"]:
        return not any(c.dep_ == "neg" for c in verb.head.children)
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without"


def _objects_of(head: Token, preposition: str) -> list[Token]:
    found = [
        pobj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == preposition
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return [t for pobj in found for t in (pobj, *pobj.conjuncts)]


def _omitter(verb: Token) -> Token | None:
    """Who left it out: the subject of the verb (of the verb it depends on for "failed to
    mention", "without mentioning"), else the document of "in X" ("were not mentioned in the
    readout")."""
    at = verb
    while at.dep_ in {"xcomp", "pcomp", "conj"} or (at.dep_ == "prep" and at.lower_ == "without"):
        at = at.head
    for child in at.children:
        if child.dep_ in SUBJECTS and child.dep_ != "nsubjpass":
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    for holder in (verb, *(c for c in verb.children if c.dep_ in {"attr", "nsubjpass"})):
        for place in _objects_of(holder, "in"):
            return place
    return None


def _document_around(topics: list[Token]) -> Token | None:
    """ "no mention of the pipeline in the Kremlin's statement": the parser may hang the
    document on the topic."""
    for topic in topics:
        for place in _objects_of(topic, "in"):
            if channel_type(place) == "document":
                return place
    return None


def _party(omitter: Token, resolver: SpeakerResolver) -> str | None:
    """The actor an omitter stands for: a document's owner, else the actor it names."""
    if channel_type(omitter) == "document":
        owner = resolver.document_owner(omitter)
        if owner is None:
            antecedent = resolver.documents.before(omitter.i)
            owner = antecedent[1] if antecedent else None
        return owner
    return (
        resolver.actor_at(omitter)
        or resolver.inner(omitter)
        or resolver.document_owner(omitter)  # "the American text"
    )


def _phrase(head: Token) -> tuple[int, int]:
    """The characters of a topic's noun phrase, without its conjuncts, a leading "any" or
    where it was (not) said: "the sanctions in his remarks"."""
    skip = {t.i for c in head.children if _not_topic(c) for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in skip and (t.i == head.i or not t.is_punct)]
    if tokens[0].lower_ == "any" and tokens[0].i != head.i:
        tokens = tokens[1:]
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last)


def _not_topic(child: Token) -> bool:
    if child.dep_ in {"conj", "cc", "relcl"}:
        return True
    places = [p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" else []
    return any(channel_type(p) is not None for p in places)
