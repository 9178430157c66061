"""Who asked for or started a call or meeting: the ``initiator`` of a CONSULT event.

"At the request of the US side, Wang held a call with Blinken", "spoke ... at the latter's
request", "The call was held at Moscow's request", "Blinken initiated the call", "the call
was initiated by Washington". A phrase on the verb of a CONSULT names its initiator; one in
a sentence about "the call" or "the meeting" (its subject or object) names the initiator of
the last CONSULT told before it. "The latter" and "the former" are the second and the first
party of that call. Words from ``data/word_lists.tsv`` (request_nouns, initiating_verbs,
meeting_nouns).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from communique.events.lexicon import word_lists
from communique.events.participants import Participants
from communique.records import Event

WORDS = word_lists()


@dataclass(frozen=True, slots=True)
class Initiative:
    """A phrase that says who asked for something: the party and the verb it belongs to."""

    party: Token  # "side" of "the US side", "latter", "Blinken"
    verb: Token  # "held", "spoke", "initiated"


def _verb(token: Token) -> Token | None:
    """The verb a prepositional phrase hangs from, if it hangs from one."""
    while token.pos_ not in {"VERB", "AUX"}:
        if token.head.i == token.i or token.dep_ not in {"prep", "pobj"}:
            return None
        token = token.head
    return token


def _asker(request: Token) -> Token | None:
    """ "X's request", "the request of X"."""
    for child in request.children:
        if child.dep_ == "poss":
            return child
    for prep in (c for c in request.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            return pobj
    return None


def _by_request(token: Token) -> Initiative | None:
    """ "at the request of X", "at X's request", "at the initiative of X"."""
    if token.lemma_.lower() not in WORDS["request_nouns"] or token.dep_ != "pobj":
        return None
    if token.head.lower_ != "at":
        return None
    party, verb = _asker(token), _verb(token.head)
    return Initiative(party, verb) if party is not None and verb is not None else None


def _by_initiating(token: Token) -> Initiative | None:
    """ "X initiated the call", "X requested the meeting", "the call was initiated by X"."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in WORDS["initiating_verbs"]:
        return None
    if not _about_a_meeting(token):
        return None
    for child in token.children:
        if child.dep_ == "nsubj":
            return Initiative(child, token)
        if child.dep_ == "agent":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                return Initiative(pobj, token)
    return None


def _about_a_meeting(verb: Token) -> bool:
    """ "The call was held", "initiated the call": the verb's subject or object is a meeting."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.lemma_.lower() in WORDS["meeting_nouns"]
        for c in verb.children
    )


def initiatives(doc: Doc) -> Iterator[Initiative]:
    for token in doc:
        found = _by_request(token) or _by_initiating(token)
        if found is not None:
            yield found


def _call_of(initiative: Initiative, consults: list[Event]) -> Event | None:
    """The CONSULT the phrase is about: one of its verb's own clause, else, for a sentence
    about the call or the meeting, the last one told before it."""
    verb = initiative.verb
    clause = range(verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
    sentence = verb.sent
    own = [
        e
        for e in consults
        if e.trigger.start in clause and sentence.start_char <= e.trigger.start < sentence.end_char
    ]
    if own:
        return own[0]
    if not _about_a_meeting(verb):
        return None
    before = [e for e in consults if e.trigger.start < sentence.start_char]
    return before[-1] if before else None


def _party(initiative: Initiative, call: Event, participants: Participants) -> str | None:
    word = initiative.party.lower_
    parties = [*call.actors, *call.recipients]
    if word in {"latter", "former"}:
        if len(parties) < 2:
            return None
        return parties[1] if word == "latter" else parties[0]
    return participants.of(initiative.party)


def mark_initiators(doc: Doc, events: list[Event], participants: Participants) -> None:
    """Set ``initiator`` on the CONSULT events whose initiative the text tells (see above);
    ``events`` in text order."""
    consults = [e for e in events if e.type == "CONSULT"]
    if not consults:
        return
    for initiative in initiatives(doc):
        call = _call_of(initiative, consults)
        if call is not None and call.initiator is None:
            call.initiator = _party(initiative, call, participants)
