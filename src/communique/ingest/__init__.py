"""Ingest: read documents from files, recording every failure with its reason."""

from communique.ingest.readers import MAX_CHARS, content_id, read

__all__ = ["MAX_CHARS", "content_id", "read"]
