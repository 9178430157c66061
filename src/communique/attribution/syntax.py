"""Reading the parse around a cue: its subject, addressee, channel and setting.

Plain functions over spaCy tokens, shared by the frame builders (``frames``)
and the learned frame model (``learned``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from communique.attribution.lexicon import EXCHANGE_VERBS, channel_type, cue_class

# Dependencies through which a cue inherits the subject of the verb it hangs off.
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "acomp"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
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


def governors(verb: Token) -> Iterable[Token]:
    """The verb, then the verbs it hangs off through conj/advcl/xcomp/pcomp."""
    token = verb
    seen = 0
    while True:
        yield token
        if token.dep_ not in _CLIMB or token.head.i == token.i or seen > 6:
            return
        token = token.head
        if token.dep_ in {"prep", "cc"}:  # "with Wang telling", "as well as providing"
            token = token.head
        seen += 1


def subject_of(verb: Token) -> Token | None:
    """The subject a cue verb has, or inherits from the verb it hangs off."""
    # "was quoted as saying": the subject of "quoted".
    head = verb.head
    quoted_as = verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ == "quote"
    if quoted_as:
        verb = head.head
    elif any(c.dep_ == "auxpass" for c in verb.children) and verb.lemma_.lower() not in {
        "commit",
        "prepare",
        "determine",
        "dedicate",
        "resolve",
    }:  # "is committed to", "is prepared to" describe their subject's stance
        # "Quiros was accused of ...": the passive subject is the target; the source is the
        # agent ("by X"), if any.
        agents = [
            p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
        ]
        return agents[0] if agents else None
    for governor in governors(verb):
        subjects = [c for c in governor.children if c.dep_ in SUBJECTS]
        if subjects:
            # The nearest, should the parser give two ("HONOLULU, Feb 12 - Blinken told").
            child = min(subjects, key=lambda c: abs(c.i - governor.i))
            return child  # may be "who" in "Mr. Kamin, who emphasized that ...": as written
        if governor.dep_ == "relcl" and governor.head.pos_ in {"NOUN", "PROPN"}:
            return governor.head
        if governor.dep_ == "acl" and governor.head.dep_ in {"dobj", "pobj"}:
            # "issued a declaration demanding that ...": whoever issued it.
            return subject_of(governor.head.head)
        if governor.i == verb.i and verb.dep_ == "conj" and not rule_cue(verb.head):
            # "X noted that A is coordinating ..., and reaffirmed that B": the parser joins the
            # second cue to the verb inside the first one's content; its subject is X.
            outer = next((g for g in governors(verb.head) if g.dep_ == "ccomp"), None)
            if (
                outer is not None
                and rule_cue(outer.head)
                and any(c.dep_ == "ccomp" for c in verb.children)
            ):
                return subject_of(outer.head)
    return None


def noun_phrase(head: Token, keep_appos: bool = True) -> tuple[int, int]:
    """Token span of a noun phrase without its relative clauses and parentheses."""
    start = head.left_edge.i
    while start < head.i and head.doc[start].is_punct:
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in {"relcl", "acl", "advcl"} or child.left_edge.text in {"(", "["}:
            break
        if child.dep_ == "appos" and not keep_appos:
            break
        if child.dep_ == "punct":
            continue
        end = child.right_edge.i + 1
    while end > start + 1 and head.doc[end - 1].is_punct:
        end -= 1
    return start, end


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
