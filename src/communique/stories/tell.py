"""Telling a story: each party's account of it and where the accounts diverge, set on the
``Story`` records that ``link`` gives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from communique.records import Story
from communique.stories.accounts import accounts, main_stories
from communique.stories.alignment import align
from communique.stories.divergence import (
    Canonical,
    as_written,
    divergence,
    merged_topics,
    story_topics,
)


def tell(
    stories: list[Story],
    records: Mapping[str, Mapping[str, Any]],
    canonical: Canonical = as_written,
) -> list[Story]:
    """Set ``accounts``, ``divergence``, ``topics`` and ``alignments`` on each story; ``records`` by
    doc_id, holding at least every story's documents. Returns ``stories``."""
    main = main_stories(stories, records)
    for story in stories:
        own = {d: records[d] for d in story.documents}
        story.accounts = accounts(story, own.values(), main)
        merged = merged_topics(story.accounts, own, canonical)
        story.divergence = divergence(story.accounts, own, merged)
        story.topics = story_topics(story.divergence)
        story.alignments = align(story.accounts, own, merged)
    return stories
