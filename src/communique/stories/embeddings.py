"""Sentence embeddings for comparing short texts across documents (topic labels, claims).

The model is WordLlama ``l2_supercat`` at 256 dimensions (``wordllama==0.4.0.post1``, MIT): a
static embedding whose weights and tokenizer ship inside its wheel, so nothing is downloaded,
no torch is needed, and a label embeds in microseconds. WordLlama's default look-up misses the
tokenizer file it bundles, so the model is loaded from the package's own folder with downloads
disabled (DESIGN.md, "Models"). It is loaded once, on first use: extraction never needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy

DIMENSIONS = 256


@cache
def model() -> Any:
    """The WordLlama model, from the files in its wheel (no network, ever)."""
    # Imported here, not at the top: the import costs a fraction of a second that every
    # command line start would pay, and only stories need it.
    import wordllama
    from wordllama import WordLlama

    folder = Path(wordllama.__file__).parent
    return WordLlama.load(dim=DIMENSIONS, cache_dir=folder, disable_download=True)


def embed(texts: Sequence[str]) -> numpy.ndarray:
    """One unit-length row per text (float32, ``len(texts)`` x 256); a text with no known
    word is a row of zeros, similar to nothing."""
    if not texts:
        return numpy.zeros((0, DIMENSIONS), dtype=numpy.float32)
    vectors = numpy.asarray(model().embed(list(texts)), dtype=numpy.float32)
    norms = numpy.linalg.norm(vectors, axis=1, keepdims=True)
    return numpy.divide(vectors, norms, out=numpy.zeros_like(vectors), where=norms > 0)


def cosine(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """Cosine similarities of unit rows: ``a`` (n x d) against ``b`` (m x d) gives n x m; two
    single vectors give a 0-d array (``float()`` of it is the similarity)."""
    return numpy.asarray(a) @ numpy.asarray(b).T


def similarity(a: str, b: str) -> float:
    """The cosine similarity of two texts."""
    first, second = embed([a, b])
    return float(cosine(first, second))
