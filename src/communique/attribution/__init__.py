"""Attribution: who said what, to whom, through which channel."""

from communique.attribution.extract import extract_statements
from communique.attribution.quotes import Quote, find_quotes

__all__ = ["Quote", "extract_statements", "find_quotes"]
