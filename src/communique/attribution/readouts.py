"""Readouts: documents that are a party's own account of a call or meeting.

A readout is written in the third person about the office holder it speaks
for: "Readout: …", a headline "Wang Yi Holds Phone Call with …", or a lead such
as "On January 27, Foreign Minister Wang Yi spoke with …" / "Secretary Blinken
spoke today with …" in a text where only the parties to the call speak and no
channel is cited. Its issuer is the institution that speaks for the one who
called (``data/issuers.tsv``: the Chinese Foreign Ministry, the US State
Department); every statement in it comes through the issuer (``via_actor``), and
each sentence that goes on in the voice of the current speaker ("Wang Yi said …
He noted … China's position is …", to the end of the paragraph) is part of that
speaker's statement, the way PolNeAR counts a content over several sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from communique.actors import ActorDirectory
from communique.attribution.arguments import cue_subject
from communique.attribution.institutions import speaking_for
from communique.attribution.lexicon import EXCHANGE_VERBS
from communique.positions import paragraph, text
from communique.records import Span as TextSpan
from communique.records import Statement
from communique.syntax import SUBJECTS

_ISSUER = "communique.issuer"
# A readout's own lead: "On January 27, ...", "... spoke today with ...".
_DATED_LEAD = re.compile(
    r"^(On|In the evening of|On the evening of)\s+(\w+day,?\s+)?"
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}\b"
)
_TITLE = re.compile(r"^\s*read-?out\b", re.IGNORECASE)
# Subjects that tell of the call rather than speak in a party's voice: "The two sides agreed".
_NARRATION = frozenset({"sides", "both", "call", "conversation", "talks", "meeting"})
# Verbs that tell of the call: "It was agreed to keep in touch", "They exchanged views".
_NARRATING_VERBS = frozenset({"agree", "exchange", "discuss", *EXCHANGE_VERBS})


@dataclass(frozen=True, slots=True)
class Readout:
    principal: str  # actor id of the office holder whose call or meeting it tells
    issuer: str  # actor id of the party whose account it is
    participants: frozenset[str]


def issuer_of(doc: Doc) -> str | None:
    """The issuer ``extract_statements`` found for a document, if it is a readout."""
    return doc.user_data.get(_ISSUER)


def recognise(doc: Doc, statements: list[Statement], actors: ActorDirectory) -> Readout | None:
    """The readout a document is, if it is one (see the module docstring); its issuer is
    added to the actors when the text does not name it."""
    doc.user_data[_ISSUER] = None
    lead = _lead(doc)
    if lead is None:
        return None
    verb, titled = lead
    principal = _actor(actors, cue_subject(verb))
    person = actors.get(principal)
    if principal is None or person is None or person.kind != "person":
        return None
    participants = {principal, *(a for t in _partners(verb) if (a := _actor(actors, t)))}
    if not titled and not _only_parties_speak(statements, participants, actors):
        return None
    office = speaking_for(person)
    if office is None:
        return None
    issuer = actors.institution(office.name, office.country, office.sector)
    doc.user_data[_ISSUER] = issuer
    return Readout(principal, issuer, frozenset(participants | {issuer}))


def _lead(doc: Doc) -> tuple[Token, bool] | None:
    """The exchange verb of the document's lead, and whether a title already says the document
    is a readout ("Readout: …", a headline telling of the call)."""
    full = text(doc)
    sents = list(doc.sents)[:3]
    if not sents:
        return None
    first = sents[0]
    titled = bool(_TITLE.match(full)) or (_headline(first) and _exchange_verb(first) is not None)
    for sent in sents[: 2 if titled or _headline(first) else 1]:
        if _headline(sent) and not _TITLE.match(sent.text):
            continue
        verb = _exchange_verb(sent)
        if verb is None:
            return None
        dated = bool(_DATED_LEAD.match(sent.text)) or any(
            t.lower_ == "today" and t.head.i == verb.i for t in sent
        )
        return (verb, titled) if titled or dated else None
    return None


def _headline(sent: Span) -> bool:
    """A line of its own without a full stop: a title."""
    full = text(sent.doc)
    raw = full[sent.start_char : sent.end_char]
    line = raw.strip()
    ends_line = raw.endswith("\n") or full[sent.end_char : sent.end_char + 1] in {"\n", ""}
    return bool(line) and ends_line and not line.endswith((".", "!", "?", "”", '"'))


def _exchange_verb(sent: Span) -> Token | None:
    """ "spoke with", "held a telephone conversation with", "Holds Phone Call with"."""
    for token in sent:
        exchange = token.lemma_.lower() in EXCHANGE_VERBS and token.pos_ in {"VERB", "AUX"}
        if exchange and _partners(token):
            return token
    return None


def _partners(verb: Token) -> list[Token]:
    """The other parties: "spoke with X", "held a conversation with X", "spoke on the phone
    with X" (and an apposition: "the Secretary of State, Antony Blinken")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    heads += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    found: list[Token] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [pobj, *pobj.conjuncts]
                found += [a for a in pobj.children if a.dep_ == "appos"]
    return found


def _actor(actors: ActorDirectory, token: Token | None) -> str | None:
    return actors.at(token.i) if token is not None else None


def _only_parties_speak(
    statements: list[Statement], parties: set[str], actors: ActorDirectory
) -> bool:
    """Whether every statement is a party's (or their states', or their sides') and none cites
    a channel: a report quotes others and says where it read what it quotes."""
    countries = {a.country for p in parties if (a := actors.get(p)) and a.country}
    if not statements:
        return False
    for statement in statements:
        if statement.via is not None:
            return False
        speaker = actors.get(statement.speaker)
        if speaker is None:
            return False
        if speaker.id in parties:
            continue
        if speaker.kind in {"state", "group"} and speaker.country in countries:
            continue
        return False
    return True


def carry(statements: list[Statement], readout: Readout) -> None:
    """Every statement of a readout comes through its issuer."""
    for statement in statements:
        if statement.via_actor is None:
            statement.via_actor = readout.issuer


def continue_voice(
    doc: Doc, statements: list[Statement], readout: Readout, actors: ActorDirectory
) -> None:
    """Give each sentence of a readout's paragraph that goes on in the voice of the current
    speaker, with no statement of its own, to that speaker's statement: "Wang Yi said …. He
    noted …. China's position is …"."""
    full = text(doc)
    top = sorted((s for s in statements if s.parent is None), key=lambda s: s.start)
    covered = _covered(statements)
    for current, following in _turns(doc, top):
        if current.speaker not in readout.participants:
            continue
        for sent in following:
            if _told(sent, covered) or not _in_voice(sent, actors):
                break
            start, end = _trimmed(full, sent.start_char, sent.end_char)
            current.content.append(TextSpan.of(full, start, end))


def _trimmed(full: str, start: int, end: int) -> tuple[int, int]:
    while end > start and full[end - 1].isspace():
        end -= 1
    return start, end


def _turns(doc: Doc, top: list[Statement]) -> Iterable[tuple[Statement, list[Span]]]:
    """Each top-level statement and the sentences after the last one it holds, to the end of
    its paragraph or the next statement."""
    sents = list(doc.sents)
    starts = [sent.start_char for sent in sents]
    for n, statement in enumerate(top):
        end = statement.end
        limit = top[n + 1].start if n + 1 < len(top) else len(text(doc))
        where = paragraph(doc, statement.start)
        after: list[Span] = []
        for sent in sents[bisect_left(starts, end) :]:
            if sent.start_char >= limit or paragraph(doc, sent.start_char) != where:
                break
            after.append(sent)
        yield statement, after


def _covered(statements: list[Statement]) -> list[tuple[int, int]]:
    spans = [(c.start, c.end) for s in statements for c in s.content]
    spans += [(s.cue.start, s.cue.end) for s in statements if s.cue]
    return spans


def _told(sent: Span, covered: list[tuple[int, int]]) -> bool:
    """Whether a statement already holds or is made in the sentence."""
    return any(start < sent.end_char and end > sent.start_char for start, end in covered)


def _in_voice(sent: Span, actors: ActorDirectory) -> bool:
    """A sentence in a speaker's voice, not the narrator's: its subject is not a person or a
    pronoun for one ("He also briefed …", "The Secretary thanked …"), nor the call or its two
    sides ("The two sides agreed …"), and it does not tell of the call itself."""
    root = sent.root
    if root.lemma_.lower() in _NARRATING_VERBS:
        return False
    subjects = [c for c in root.children if c.dep_ in SUBJECTS]
    for subject in subjects:
        actor = actors.get(actors.at(subject.i))
        if subject.lower_ in {"he", "she"} or (actor is not None and actor.kind == "person"):
            return False
        if subject.lower_ in _NARRATION or subject.ent_type_ == "PERSON":
            return False
    return bool(subjects) and not sent.text.strip().endswith("?")
