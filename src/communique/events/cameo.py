"""The CAMEO verb dictionary as candidate triggers (``data/cameo.tsv``, converted from the
Phoenix/PETRARCH2 dictionary; MIT, see the file's header).

A verb (or a noun a light verb takes) is a candidate when its lemma is in the table; the most
specific pattern whose words all appear around it gives CAMEO's PLOVER type and mode ("recall"
alone is no event, "recall * AMBASSADOR" is SANCTION/withdraw). That type is a prior for the
event model (``events.model``), not the coder's answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Token

from communique.data import read_tsv
from communique.nlp import ACT_COMPOUNDS

Row = TypeVar("Row")

# The dependents whose words a pattern's post-verb slots look at: the object and its
# prepositions, not the clauses the verb governs ("said it would attack").
_AFTER = frozenset(
    {"dobj", "prep", "prt", "dative", "attr", "oprd", "nsubjpass", "acomp", "npadvmod", "agent"}
)


def fold(word: str) -> str:
    """A word as the table keeps it: lower case, a regular plural made singular."""
    word = word.lower().strip()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class CameoPattern:
    """One row of ``cameo.tsv``."""

    lemma: str
    particle: str | None
    pos: str
    pre: tuple[frozenset[str], ...]
    post: tuple[frozenset[str], ...]
    code: str
    type: str  # a PLOVER type, or NONE
    mode: str | None

    @property
    def slots(self) -> int:
        return len(self.pre) + len(self.post) + (self.particle is not None)


def _slots(cell: str) -> tuple[frozenset[str], ...]:
    return () if cell == "-" else tuple(frozenset(s.split("|")) for s in cell.split())


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], list[CameoPattern]]:
    """Patterns by (lemma, pos), the most specific first."""
    found: dict[tuple[str, str], list[CameoPattern]] = defaultdict(list)
    for row in read_tsv(__package__, "cameo.tsv"):
        pattern = CameoPattern(
            lemma=row["lemma"],
            particle=None if row["particle"] == "-" else row["particle"],
            pos=row["pos"],
            pre=_slots(row["pre"]),
            post=_slots(row["post"]),
            code=row["code"],
            type=row["type"],
            mode=None if row["mode"] == "-" else row["mode"],
        )
        found[pattern.lemma, pattern.pos].append(pattern)
    for rows in found.values():
        rows.sort(key=lambda p: -p.slots)
    return dict(found)


class LemmaMemo(Generic[Row]):
    """A table's rows for a token, remembered by (lemma id, part of speech): every token of
    a document is looked up, and most lemmas recur. ``lookup(token, pos)`` reads the table;
    after ``kept`` lemmas the memo starts again."""

    def __init__(self, lookup: Callable[[Token, str], list[Row]], kept: int = 100_000) -> None:
        self.lookup = lookup
        self.kept = kept
        self.rows: dict[tuple[int, str], list[Row]] = {}

    def __call__(self, token: Token) -> list[Row]:
        pos = candidate_pos(token)
        if pos is None:
            return []
        key = (token.lemma, pos)
        rows = self.rows.get(key)
        if rows is None:
            if len(self.rows) >= self.kept:
                self.rows.clear()
            rows = self.rows[key] = self.lookup(token, pos)
        return rows


def reload() -> None:
    """Read ``cameo.tsv`` again at the next lookup (training rewrites it)."""
    table.cache_clear()
    _rows.rows.clear()


def _words(tokens: list[Token]) -> set[str]:
    return {fold(t.lower_) for t in tokens} | {fold(t.lemma_) for t in tokens}


def _around(token: Token) -> tuple[set[str], set[str]]:
    """The words before (the subject's) and after (the object's) a trigger."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return set(), _words([t for t in token.subtree if t.i != token.i])
    before = [t for c in token.children if c.dep_ in {"nsubj"} for t in c.subtree]
    after = [t for c in token.children if c.dep_ in _AFTER for t in c.subtree]
    return _words(before), _words(after)


def _particle(token: Token, word: str) -> bool:
    return any(c.lower_ == word and c.dep_ in {"prt", "prep", "advmod"} for c in token.children)


# The hyphenated act nouns the tokenizer keeps whole (``nlp.ACT_COMPOUNDS``), with plurals,
# as string ids: this is asked of every token, and ids are compared without making strings.
_ACT_NOUNS = frozenset(get_string_id(f"{word}{end}") for word in ACT_COMPOUNDS for end in ("", "s"))
_CANDIDATE_POS = {VERB: "VERB", AUX: "VERB", NOUN: "NOUN", PROPN: "NOUN"}


def candidate_pos(token: Token) -> str | None:
    if token.lower in _ACT_NOUNS:
        return "NOUN"  # "a crack-down": the tagger does not know the word, and guesses
    return _CANDIDATE_POS.get(token.pos)


def _lookup(token: Token, pos: str) -> list[CameoPattern]:
    lemma = fold(token.lemma_) if pos == "NOUN" else token.lemma_.lower()
    return table().get((lemma, pos), [])


_rows = LemmaMemo(_lookup)


def listed(token: Token) -> bool:
    """Whether the dictionary has any pattern for ``token``'s word (a cheap first test)."""
    return bool(_rows(token))


def match(token: Token) -> CameoPattern | None:
    """The most specific CAMEO pattern of ``token`` whose words are all there, if any."""
    rows = _rows(token)
    if not rows:
        return None
    around = None  # read only when a row has words to look for
    for row in rows:
        if row.particle is not None and not all(_particle(token, w) for w in row.particle.split()):
            continue
        if not (row.pre or row.post):
            return row
        before, after = around = around or _around(token)
        if all(slot & before for slot in row.pre) and all(slot & after for slot in row.post):
            return row
    return None
