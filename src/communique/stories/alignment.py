"""Alignment: the statements of two parties' accounts that make the same claim.

Static sentence embeddings (``embeddings``) tell a paraphrase only when the words are
near: "a diplomatic way out is still available" and "the door to diplomacy remains open"
score 0.57, but "missile deployments" and "where rockets are stationed" 0.16, below
claims on other matters (up to 0.32). So a statement of one account is aligned with the
statement of the other that shares one of its issues (merged topics, places aside: every
statement of a call about Ukraine names Russia), the closest by embedding among those;
or, sharing none, with one whose embedding is at least ``PARAPHRASE`` close.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

from communique.records import Account, Alignment
from communique.stories import embeddings
from communique.stories.accounts import PRESS
from communique.stories.topics import is_place

PARAPHRASE = 0.5
Record = Mapping[str, Any]


def _issues(statement: Record, merged: Mapping[str, str]) -> set[str]:
    return {merged[t] for t in statement.get("topics") or [] if not is_place(merged[t])}


def align(
    accounts: list[Account], records: Mapping[str, Record], merged: Mapping[str, str]
) -> list[Alignment]:
    """The aligned statements of every two parties' accounts (the press's aside);
    ``records`` by doc_id, ``merged`` the story's topics (``divergence.merged_topics``)."""
    statements = {s["id"]: s for r in records.values() for s in r["statements"]}
    parties = [a for a in accounts if a.party != PRESS and a.statements]
    issues = {s: _issues(statements[s], merged) for a in parties for s in a.statements}
    found: list[Alignment] = []
    for left, right in combinations(parties, 2):
        similar = embeddings.cosine(
            embeddings.embed([_content(statements[s]) for s in left.statements]),
            embeddings.embed([_content(statements[s]) for s in right.statements]),
        )
        for n, mine in enumerate(left.statements):
            candidates = [
                (float(similar[n, m]), theirs)
                for m, theirs in enumerate(right.statements)
                if issues[mine] & issues[theirs] or similar[n, m] >= PARAPHRASE
            ]
            if candidates:
                score, theirs = max(candidates)
                found.append(Alignment(mine, theirs, score))
    return found


def _content(statement: Record) -> str:
    return " ".join(c["text"] for c in statement["content"])
