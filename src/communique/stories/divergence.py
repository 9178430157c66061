"""Divergence: the topics each party's account of a story carries that another's does not.

For each topic of a story (the ``topics`` of its accounts' statements, synonyms merged by
``canonical``): the parties whose account carries it, with the statements that do
(evidence); the parties whose account exists but does not carry it (``omitted_by``,
inferred from the accounts); and the parties a document says left it out
(``reported_omitted_by``: "the State Department's readout made no mention of the
Olympics", with the omission as evidence) — reported, not inferred.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from communique.records import Account, Divergence
from communique.stories.accounts import PRESS

Record = Mapping[str, Any]
# Maps each label to the one its synonyms share; the default keeps labels as written.
Canonical = Callable[[list[str]], dict[str, str]]


def as_written(labels: list[str]) -> dict[str, str]:
    return {label: label for label in labels}


def divergent(found: Divergence) -> bool:
    """Whether one account carries the topic and another leaves it out."""
    return bool(found.omitted_by or found.reported_omitted_by) and bool(found.carried_by)


def _lookup(records: Mapping[str, Record]) -> dict[str, Record]:
    """Statements and omissions by id."""
    return {
        item["id"]: item
        for record in records.values()
        for item in (*record["statements"], *record.get("omissions", []))
    }


def topics_of(account: Account, items: Mapping[str, Record]) -> list[str]:
    """The topics an account's statements carry, in order of first mention."""
    labels = [t for ref in account.statements for t in items[ref].get("topics") or []]
    return list(dict.fromkeys(labels))


def merged_topics(
    accounts: list[Account], records: Mapping[str, Record], canonical: Canonical = as_written
) -> dict[str, str]:
    """One label for each topic of a story's parties' accounts: their statements' topics and
    what documents say they left out, synonyms merged by ``canonical`` (once per story:
    ``divergence`` and ``alignment`` both read it)."""
    items = _lookup(records)
    parties = [a for a in accounts if a.party != PRESS]
    labels = [t for a in parties for t in topics_of(a, items)]
    omitted = [str(items[ref]["topic"]["text"]) for a in parties for ref in a.omissions]
    return canonical(list(dict.fromkeys([*labels, *omitted])))


def divergence(
    accounts: list[Account], records: Mapping[str, Record], merged: Mapping[str, str]
) -> list[Divergence]:
    """The topics of a story's accounts, those carried by one party and not another first;
    ``records`` by doc_id, ``merged`` from ``merged_topics``. Sets each account's ``topics``
    (merged; the press's, outside the comparison, as far as its labels are the parties')."""
    items = _lookup(records)
    parties = [a for a in accounts if a.party != PRESS]
    omitted = {ref: str(items[ref]["topic"]["text"]) for a in parties for ref in a.omissions}
    found: dict[str, Divergence] = {}
    for account in parties:
        for ref in account.statements:
            for label in items[ref].get("topics") or []:
                topic = found.setdefault(merged[label], Divergence(merged[label]))
                if account.party not in topic.carried_by:
                    topic.carried_by.append(account.party)
                topic.evidence.append(ref)
    for account in parties:
        for ref in account.omissions:
            topic = found.setdefault(merged[omitted[ref]], Divergence(merged[omitted[ref]]))
            if account.party not in topic.reported_omitted_by:
                topic.reported_omitted_by.append(account.party)
            topic.evidence.append(ref)
    speaking = [a.party for a in parties if a.statements or a.documents]
    for topic in found.values():
        topic.omitted_by = [p for p in speaking if p not in topic.carried_by]
    for account in accounts:
        account.topics = list(dict.fromkeys(merged.get(t, t) for t in topics_of(account, items)))
    return sorted(found.values(), key=lambda d: (not divergent(d), -len(d.evidence), d.topic))


def story_topics(found: list[Divergence]) -> list[str]:
    """A story's topics, from its divergence: those most parties carry first, then those
    with the most evidence."""
    ranked = sorted(found, key=lambda d: (-len(d.carried_by), -len(d.evidence), d.topic))
    return [d.topic for d in ranked]
