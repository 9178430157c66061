"""Attribution: who said what, to whom, through which channel.

What later stages may use: ``extract_statements``, the document's quotations
(``document_quotes``), and ``cue_subject``, the subject of a verb read the way
attribution reads it.
"""

from communique.attribution.arguments import cue_subject
from communique.attribution.extract import extract_statements
from communique.attribution.quotes import Quote, document_quotes, find_quotes

__all__ = ["Quote", "cue_subject", "document_quotes", "extract_statements", "find_quotes"]
