"""Attribution: who said what, to whom, through which channel.

What later stages may use: the component (``Attribution``), ``extract_statements``,
the document's quotations (``document_quotes``), ``cue_subject``, the subject of a
verb read the way attribution reads it, and ``SpeakerResolver``, the actor a word
refers to read the way attribution reads a source (pronouns, demonyms, phrases).
"""

from communique.attribution.arguments import cue_subject
from communique.attribution.component import Attribution
from communique.attribution.extract import extract_statements
from communique.attribution.quotes import Quote, document_quotes, find_quotes
from communique.attribution.speakers import SpeakerResolver

__all__ = [
    "Attribution",
    "Quote",
    "SpeakerResolver",
    "cue_subject",
    "document_quotes",
    "extract_statements",
    "find_quotes",
]
