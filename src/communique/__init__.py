"""communique: who said what, to whom, through which channel, and what they did."""

from communique.pipeline import extract, process
from communique.records import SCHEMA_VERSION, Actor, Document, Event, Span, Statement

__version__ = "0.1.0"
__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Document",
    "Event",
    "Span",
    "Statement",
    "extract",
    "process",
]
