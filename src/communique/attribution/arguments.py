"""Reading the parse around a cue: its class, subject, addressee, channel and setting.

Plain functions over spaCy tokens, shared by the frame builders (``frames``)
and the learned frame model (``learned``).
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.attribution.lexicon import EXCHANGE_VERBS, channel_type, cue_class
from communique.syntax import governors, noun_phrase, subject_of

_VIA_PREPS = frozenset({"in", "on", "during", "through", "via", "at", "over", "from"})
VIA_RANK = {"document": 0, "medium": 1, "occasion": 2}
_SPEECH_TO = frozenset(
    {
        "say",
        "explain",
        "write",
        "complain",
        "announce",
        "declare",
        "insist",
        "stress",
        "confirm",
        "admit",
        "reply",
        "respond",
        "report",
        "add",
    }
)


def rule_cue(token: Token) -> str | None:
    """The cue class of a verb the hand-written rules handle (stance verbs are the learned
    model's)."""
    cls = cue_class(token)
    return None if cls == "stance" else cls


def cue_subject(verb: Token) -> Token | None:
    """The subject a cue verb has, or inherits from the verb it hangs off."""
    return subject_of(verb, rule_cue)


def addressee_of(verb: Token, cls: str) -> int | None:
    """The explicit addressee of a cue: "told Blinken", "warning Washington", "said to X"."""
    for governor in governors(verb):
        gcls = rule_cue(governor)
        lemma = governor.lemma_.lower()
        for child in governor.children:
            if gcls == "directive" and child.dep_ in {"dobj", "dative"}:
                return child.i
            if (
                child.dep_ == "prep"
                and child.lower_ == "to"
                and lemma in _SPEECH_TO | {"speak", "talk"}
            ):
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0].i
            if child.dep_ == "prep" and child.lower_ == "on" and lemma == "call":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0].i
            if lemma in EXCHANGE_VERBS and child.dep_ == "prep" and child.lower_ == "with":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0].i
        for child in governor.children:
            exchange = _exchange_partner(child)
            if exchange is not None:
                return exchange
    return None


def _exchange_partner(prep: Token) -> int | None:
    """ "in a call with X", "during talks with X" -> X."""
    if prep.dep_ != "prep" or prep.lower_ not in _VIA_PREPS:
        return None
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        if channel_type(pobj) in {"exchange", "occasion"}:
            for inner in pobj.children:
                if inner.dep_ == "prep" and inner.lower_ in {"with", "to"}:
                    partner = [c for c in inner.children if c.dep_ == "pobj"]
                    if partner:
                        return partner[0].i
    return None


def exchange_of(verb: Token) -> int | None:
    """The token of a call or talks the cue is set in ("In the call, the secretary said").

    Also looks under the cue's infinitive, where the parser often hangs the phrase:
    "urged Lavrov to pull back, in a phone call".
    """
    infinitives = [c for c in verb.children if c.dep_ == "xcomp"]
    for governor in [*governors(verb), *infinitives]:
        for prep in governor.children:
            if prep.dep_ == "prep" and prep.lower_ in _VIA_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and channel_type(pobj) == "exchange":
                        return pobj.i
    return None


def channel_of(verb: Token) -> tuple[tuple[int, int], str] | None:
    """The best channel phrase attached to a cue: "in a statement", "on state television"."""
    best: tuple[int, tuple[int, int], str] | None = None
    for governor in governors(verb):
        if governor.lemma_ == "quote":  # "was quoted by the TASS news agency as saying"
            agents = [a for a in governor.children if a.dep_ == "agent"]
            agents += [a for a in verb.children if a.dep_ == "prep" and a.lower_ == "by"]
            for pobj in (p for a in agents for p in a.children if p.dep_ == "pobj"):
                start, end = noun_phrase(pobj)
                span = (verb.doc[start].idx, verb.doc[end - 1].idx + len(verb.doc[end - 1].text))
                return span, channel_type(pobj) or "source"
        for prep in governor.children:
            if prep.dep_ != "prep" or prep.lower_ not in _VIA_PREPS:
                continue
            for pobj in prep.children:
                kind = channel_type(pobj) if pobj.dep_ == "pobj" else None
                if kind is None or kind == "exchange":
                    continue
                start, end = noun_phrase(pobj)
                span = (verb.doc[start].idx, verb.doc[end - 1].idx + len(verb.doc[end - 1].text))
                rank = VIA_RANK[kind]
                if best is None or rank < best[0]:
                    best = (rank, span, kind)
    return (best[1], best[2]) if best else None
