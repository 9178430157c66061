"""Verbal events inside statements: a demand is a REQUEST, reproach an ACCUSE.

"The US should stop playing with fire," he added -> REQUEST from the speaker to
the United States (the party the demand names; the addressee when it names
none). "the US continues to make mistakes" -> ACCUSE from the speaker to the
United States. One event per statement: a demand wins over reproach.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from communique.attribution import cue_subject
from communique.data import read_tsv
from communique.records import Statement

COMMITMENTS = frozenset(
    {
        "agree",
        "agreed",
        "agrees",
        "agreeing",
        "promised",
        "promise",
        "promises",
        "pledged",
        "pledge",
        "vowed",
        "vow",
        "offered",
        "offer",
    }
)


@dataclass(frozen=True, slots=True)
class Verbal:
    statement: Statement
    trigger: Token
    type: str
    mode: str | None
    target: Token | None  # the clause subject the event is directed at, if any


@lru_cache(maxsize=1)
def verbal_words() -> dict[str, tuple[str, str | None]]:
    return {
        row["word"]: (row["type"], row["mode"] or None)
        for row in read_tsv(__package__, "verbal.tsv")
    }


def _clause_subject(token: Token) -> Token | None:
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return cue_subject(verb)


def _is_demand(token: Token) -> bool:
    word = token.lower_
    if word in {"should", "must", "ought"}:
        subjects = [c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if word == "should" and any(s.i > token.i for s in subjects):
            return False  # "should Moscow choose ...": a condition, not a demand
        return token.dep_ == "aux"
    if word in {"have", "need"}:  # "have to", "need to"
        return any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in token.children
        )
    if word == "stop":  # an imperative at the start of the content: "Stop interfering"
        return (
            token.dep_ in {"ROOT", "ccomp", "xcomp"}
            and not any(c.dep_ in {"nsubj", "aux"} for c in token.children)
        ) or token.head.lower_ in {"should", "must"}
    return False


def verbal_events(doc: Doc, statements: list[Statement]) -> Iterator[Verbal]:
    """One verbal event per statement of speech with a speaker, if its content has one."""
    words = verbal_words()
    for statement in statements:
        if statement.cue_class != "speech" or statement.speaker is None:
            continue
        if statement.cue is not None and statement.cue.text.lower().split()[0] in COMMITMENTS:
            continue  # "agreed that they should cooperate": an agreement, coded from the parse
        tokens = [
            t
            for span in statement.content
            for t in doc.char_span(span.start, span.end, alignment_mode="expand") or ()
        ]
        demand = next((t for t in tokens if _is_demand(t)), None)
        if demand is not None:
            anchor = demand.head if demand.dep_ == "aux" else demand
            yield Verbal(statement, demand, "REQUEST", "change", _clause_subject(anchor))
            continue
        reproach = next(
            (
                t
                for t in tokens
                if words.get(t.lower_, ("",))[0] == "ACCUSE"
                and (t.pos_ != "ADJ" or t.dep_ in {"acomp", "attr"})
            ),
            None,
        )
        if reproach is not None:
            # Whose fault: "Russian aggression", "Washington's meddling", else the clause's
            # subject ("the US continues to make mistakes").
            owner = next(
                (
                    c
                    for c in reproach.children
                    if c.dep_ in {"poss", "amod", "compound"}
                    and (c.ent_type_ in {"NORP", "GPE", "ORG"} or c.dep_ == "poss")
                ),
                None,
            )
            yield Verbal(
                statement,
                reproach,
                "ACCUSE",
                words[reproach.lower_][1],
                owner or _clause_subject(reproach),
            )
