"""HTML pages to documents: the article text (trafilatura), minus caption and credit lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from communique.ingest.dates import iso_date
from communique.ingest.decode import NotText, read_text, stem
from communique.ingest.fields import MAX_CHARS, check_text, date_warning
from communique.records import Document, Failure

MAX_HTML_BYTES = 10 * MAX_CHARS  # a page's markup, scripts and styles come on top of its text
MIN_WORDS = 10  # fewer words than this is a menu or a footer, not an article
NO_ARTICLE = "no article text found in HTML"

_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_WORK = (
    r"(?i:photo\s+(?:credit|illustration)|file\s+photo|photo(?:graph)?s?|pictures?|pics?"
    r"|images?|illustrations?|credits?|videos?)"
)
_AGENCY = r"(?:AP|AFP|Reuters|EPA|Xinhua|Getty|Bloomberg|Anadolu|Kyodo|Yonhap|TASS|dpa|UPI)"
_SEPARATOR = r"(?::|/|\s(?i:by|copyright|courtesy(?:\s+of)?|caption)\b)"
# The part after the separator: short, and not ending like a sentence.
_BODY = r"[^()\[\]\n]{0,150}?[^()\[\]\n.!?\s]"
_CREDIT = (
    rf"[(\[]?\s*(?:{_AGENCY}\s+)?{_WORK}\s*{_SEPARATOR}\s*{_BODY}\s*[)\]]?"
    r"|(?:REUTERS|AFP|AP|EPA|XINHUA|ANADOLU)(?:/[^/\n]{1,60})+"  # REUTERS/Evelyn Hockstein
    rf"|\(?(?:{_AGENCY}(?:\s+via\s+Getty\s+Images)?|Getty\s+Images)\)?"
)
# A line that is only a credit, or a caption that ends with one.
_CREDIT_LINE = re.compile(
    rf"\s*(?:{_CREDIT})\s*|.{{0,300}}?[.!?”\"')\]]\s+(?:{_CREDIT})\s*", re.DOTALL
)
_COPYRIGHT_LINE = re.compile(
    r"\s*(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}).{0,150}|.{0,150}all rights reserved\.?\s*",
    re.IGNORECASE,
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def drop_credit_lines(text: str) -> str:
    """``text`` without photo captions and credit lines ("Photo: Reuters",
    "(AP Photo/Evan Vucci)", "REUTERS/Jane Roe") or copyright lines."""
    return "\n".join(
        line
        for line in text.split("\n")
        if not (_CREDIT_LINE.fullmatch(line) or _COPYRIGHT_LINE.fullmatch(line))
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def article(html: str) -> Document | None:
    """The article in a page: text with one paragraph per line, title, date,
    site name (as publisher) and URL (canonical or og:url); None if there is none.

    A first line that repeats the title (the headline) is left out of the text.
    The caller sets ``id`` and ``source``; ``published`` is the extractor's date as is.
    """
    import trafilatura  # slow to import; only HTML needs it

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if result is None or not result.text:
        return None
    lines = [line.strip() for line in drop_credit_lines(result.text).split("\n")]
    lines = [line for line in lines if line]
    if lines and result.title and _same(lines[0], result.title):
        lines = lines[1:]
    text = "\n".join(lines)
    if len(text.split()) < MIN_WORDS:
        return None
    return Document(
        id="",
        text=text,
        title=result.title or None,
        publisher=result.sitename or None,
        published=result.date or None,
        url=result.url or None,
    )


def read_html(path: Path) -> Iterator[Document | Failure]:
    """One document from an HTML file; its id is the file name stem."""
    name = str(path)
    try:
        html, warning = read_text(path, MAX_HTML_BYTES, declared_charset)
    except NotText as error:
        yield Failure(name, str(error))
        return
    try:
        found = article(html)
    except Exception as error:  # lxml or trafilatura choking on a page costs that page only
        yield Failure(name, f"{NO_ARTICLE} ({type(error).__name__})")
        return
    if found is None:
        yield Failure(name, NO_ARTICLE)
        return
    reason = check_text(found.text)
    if reason:
        yield Failure(name, reason)
        return
    if warning:
        yield Failure(name, warning, level="warning")
    try:
        found.published = iso_date(found.published)
    except ValueError:
        yield Failure(name, date_warning(found.published), level="warning")
        found.published = None
    found.id, found.source = stem(path), name
    yield found
