"""The attribution lexicons: cue verbs and channel nouns (``attribution/data``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from communique.data import read_tsv

# Cue verbs whose object is what the statement is about, not its addressee.
OBJECT_AS_CONTENT = frozenset(
    {
        "deny",
        "confirm",
        "reiterate",
        "announce",
        "reject",
        "repeat",
        "underscore",
        "stress",
        "emphasize",
        "emphasise",
        "highlight",
    }
)
# Cue verbs whose "of"/"against"/"about" object is the content: "warned Moscow of a price".
PREPOSITIONAL_CONTENT = {
    "warn": {"of", "against", "about"},
    "caution": {"against", "about"},
    "accuse": {"of"},
    "remind": {"of"},
    "assure": {"of"},
    "complain": {"about", "of"},
}
# Multi-word cues: lemma -> particle or object that completes it.
PHRASAL_CUES = {
    "point": ("prt", "out"),
    "go": ("prt", "on"),
    "make": ("any", "clear"),
    "draw": ("dobj", "attention"),
    "call": ("prep", "on"),
}
# Verbs of talking with someone: "spoke with his US counterpart".
EXCHANGE_VERBS = frozenset({"speak", "talk", "meet", "confer", "hold", "have", "phone", "call"})


@dataclass(frozen=True, slots=True)
class CueVerb:
    lemma: str
    cue_class: str  # speech | directive | belief | continuation | document | stance


@lru_cache(maxsize=1)
def cue_verbs() -> dict[str, CueVerb]:
    return {r["lemma"]: CueVerb(r["lemma"], r["class"]) for r in read_tsv(__package__, "cues.tsv")}


@lru_cache(maxsize=1)
def channel_nouns() -> dict[str, str]:
    """Channel noun -> type (document | medium | occasion)."""
    return {r["noun"]: r["type"] for r in read_tsv(__package__, "channels.tsv")}


def channel_type(token: Token) -> str | None:
    nouns = channel_nouns()
    return nouns.get(token.lower_) or nouns.get(token.lemma_.lower())


def cue_class(token: Token) -> str | None:
    """The class of a cue verb, or None if ``token`` is not one."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN"}:
        return None
    lemma = token.lemma_.lower()
    if lemma in PHRASAL_CUES:
        dep, word = PHRASAL_CUES[lemma]
        if any(c.lower_ == word and (dep == "any" or c.dep_ == dep) for c in token.children):
            return (
                "continuation" if lemma == "go" else ("directive" if lemma == "call" else "speech")
            )
        if lemma not in cue_verbs():
            return None
    verb = cue_verbs().get(lemma)
    return verb.cue_class if verb else None


# What a statement's cue class says about it, for users: speech (said, wrote, told,
# according to), belief (thinks, hopes, expects), stance (endorsed, criticized), or other
# (a cue the learned model found outside the lexicon).
STATEMENT_CLASSES = {
    "speech": "speech",
    "directive": "speech",
    "continuation": "speech",
    "document": "speech",
    "according_to": "speech",
    "belief": "belief",
    "stance": "stance",
}


def statement_class(cue: Token | None, frame_class: str | None) -> str:
    """The class a statement reports: speech, belief, stance or other."""
    if frame_class in STATEMENT_CLASSES:
        return STATEMENT_CLASSES[frame_class]
    if cue is not None:
        return STATEMENT_CLASSES.get(cue_class(cue) or "", "other")
    return "speech"  # '"..." — Lavrov': a quotation with its source
