"""Ingest: read documents from files, recording every failure with its reason."""

from communique.ingest.readers import MAX_CHARS, SUFFIXES, content_id, read, size

__all__ = ["MAX_CHARS", "SUFFIXES", "content_id", "read", "size"]
