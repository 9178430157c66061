"""Reading the dependency parse: a verb's governors and subject, a noun's phrase.

Plain functions over spaCy tokens, shared by every stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

# Dependencies through which a verb inherits the subject of the verb it hangs off.
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "acomp"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


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


def subject_of(verb: Token, cue: Callable[[Token], object] | None = None) -> Token | None:
    """The subject a verb has, or inherits from the verb it hangs off.

    ``cue`` tells a verb of speech or belief (attribution's cue lexicon): the
    subject of "X noted that A is ..., and reaffirmed that B" is X, not A.
    """
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
            return subject_of(governor.head.head, cue)
        if cue is None:
            continue
        if governor.i == verb.i and verb.dep_ == "conj" and not cue(verb.head):
            # "X noted that A is coordinating ..., and reaffirmed that B": the parser joins the
            # second cue to the verb inside the first one's content; its subject is X.
            outer = next((g for g in governors(verb.head) if g.dep_ == "ccomp"), None)
            if (
                outer is not None
                and cue(outer.head)
                and any(c.dep_ == "ccomp" for c in verb.children)
            ):
                return subject_of(outer.head, cue)
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
