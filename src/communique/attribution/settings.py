"""The attribution component's settings: how far the learned frames are trusted, how sure a
statement is, how far back a speaker may be found.

The component's ``default_config`` is made from these defaults; the component
passes its settings down to the functions that use them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AttributionSettings:
    # The learned frame model (``learned``): a frame counts when its smoothed precision
    # reaches ``frame_threshold`` over at least ``frame_min_support`` training occurrences;
    # ``frame_prior_negatives`` unseen misses keep rare frames modest.
    frame_threshold: float = 0.25
    frame_min_support: int = 4
    frame_prior_negatives: int = 3
    # A statement's confidence: by its shape, less when its speaker is taken from an earlier
    # document ("the statement read") or not found, never below ``min_confidence``.
    cue_confidence: float = 0.9  # around a cue verb: "said", "told ... that"
    dash_confidence: float = 0.8  # '"..." — Lavrov'
    according_confidence: float = 0.8  # "according to X" as the only attribution
    antecedent_penalty: float = 0.1
    unresolved_penalty: float = 0.3
    min_confidence: float = 0.1
    # Paragraphs within which "he added" continues a statement (and takes its addressee),
    # and within which a pronoun may refer to an earlier statement's speaker.
    continuation_window: int = 3
    pronoun_window: int = 2

    def config(self) -> dict[str, Any]:
        """The settings as a spaCy config section."""
        return asdict(self)


DEFAULT = AttributionSettings()
