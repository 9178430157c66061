"""Verbal events inside statements: a demand is a REQUEST, reproach an ACCUSE.

A demand may be phrased as a stance: "conveyed that de-escalation and diplomacy are the
responsible way forward" asks for them (a REQUEST; word lists prescription_nouns,
prescription_modifiers and negotiation_nouns in ``data/word_lists.tsv``).

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
from communique.events.lexicon import word_lists
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


@dataclass(frozen=True, slots=True)
class _Prescribed:
    mode: str
    target: Token | None


def _prescribes(noun: Token, modifiers: frozenset[str]) -> bool:
    """ "the only way", "the responsible way forward", "the best path", "the way out"."""
    return any(
        c.lower_ in modifiers or c.lemma_.lower() in modifiers
        for c in noun.children
        if c.dep_ in {"amod", "advmod", "prep"}
    )


def _copula_of(noun: Token) -> Token | None:
    """ "diplomacy is the only way": is; also as parsed "is [the only way] forward"."""
    if noun.dep_ == "attr":
        return noun.head
    if noun.dep_ == "npadvmod" and noun.head.dep_ == "advmod":
        return noun.head.head
    return None


def _prescription(token: Token) -> _Prescribed | None:
    """ "de-escalation and diplomacy are the responsible way forward", "dialogue is the only
    way out", "a settlement remains the best path for X and Y": what is prescribed is asked
    for (a REQUEST; mode meet for talks, else change), of the party it is "for"."""
    words = word_lists()
    if token.lemma_.lower() not in words["prescription_nouns"]:
        return None
    copula = _copula_of(token)
    if copula is None or copula.lemma_.lower() not in {"be", "remain"}:
        return None
    modifiers = words["prescription_modifiers"]
    if not (
        _prescribes(token, modifiers)
        or (token.dep_ == "npadvmod" and token.head.lower_ in modifiers)
    ):
        return None
    subjects = [s for c in copula.children if c.dep_ == "nsubj" for s in (c, *c.conjuncts)]
    talks = any(s.lemma_.lower() in words["negotiation_nouns"] for s in subjects)
    parties = [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return _Prescribed("meet" if talks else "change", parties[0] if parties else None)


def _carried(statements: list[Statement]) -> dict[str, list[tuple[int, int]]]:
    """By statement id, the content of the statements it carries ("“Blinken underscored …,”
    the statement read"): what is said there is the inner speaker's event, not also the
    readout's."""
    found: dict[str, list[tuple[int, int]]] = {}
    for statement in statements:
        if statement.parent is not None:
            spans = [(s.start, s.end) for s in statement.content]
            found.setdefault(statement.parent, []).extend(spans)
    return found


def verbal_events(doc: Doc, statements: list[Statement]) -> Iterator[Verbal]:
    """One verbal event per statement of speech with a speaker, if its content has one."""
    words = verbal_words()
    carried = _carried(statements)
    for statement in statements:
        if statement.cue_class != "speech" or statement.speaker is None:
            continue
        if statement.cue is not None and statement.cue.text.lower().split()[0] in COMMITMENTS:
            continue  # "agreed that they should cooperate": an agreement, coded from the parse
        tokens = [
            t
            for span in statement.content
            for t in doc.char_span(span.start, span.end, alignment_mode="expand") or ()
            if not any(start <= t.idx < end for start, end in carried.get(statement.id, ()))
        ]
        demand = next((t for t in tokens if _is_demand(t)), None)
        if demand is not None:
            anchor = demand.head if demand.dep_ == "aux" else demand
            yield Verbal(statement, demand, "REQUEST", "change", _clause_subject(anchor))
            continue
        prescribed = next(((t, p) for t in tokens if (p := _prescription(t)) is not None), None)
        if prescribed is not None:
            way, found = prescribed
            yield Verbal(statement, way, "REQUEST", found.mode, found.target)
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
