"""Bytes to text: UTF-8, UTF-16/32 by byte-order mark, cp1252 when UTF-8 fails.

A problem that stops bytes from being read as text raises ``NotText``, whose
message is the one-line reason; a decoding that worked but deserves a note
("decoded as cp1252") comes back as a warning string.
"""

from __future__ import annotations

import codecs
import gzip
import io
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

SAMPLE = 8192  # bytes looked at to tell text from binary
CP1252 = "not valid UTF-8; decoded as cp1252"
# (mark, codec); UTF-32-LE's mark starts with UTF-16-LE's, so it comes first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """Bytes that cannot be read as text; the message is the reason."""


class Line(NamedTuple):
    """A line of a streamed file: ``text`` with an optional warning in ``note``,
    or ``text`` None and the reason it could not be read in ``note``."""

    number: int  # 1-based physical line number
    text: str | None
    note: str | None


def byte_order_mark(data: bytes) -> tuple[str, str | None] | None:
    """(codec, warning) for data that starts with a byte-order mark, else None.

    UTF-8 with a mark needs no warning; UTF-16 and UTF-32 get one.
    """
    for mark, codec in _BOMS:
        if data.startswith(mark):
            wide = codec in ("utf-16", "utf-32")
            return codec, f"decoded as {codec.upper()} (byte-order mark)" if wide else None
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control characters: not text (check the byte-order mark first)."""
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def codec_name(label: str) -> str | None:
    """Python's codec for a declared charset label, or None if unknown.

    As in browsers, a page declared Latin-1 or ASCII is read as windows-1252,
    and a UTF-16/32 declaration without a byte-order mark is ignored.
    """
    try:
        name = codecs.lookup(label.strip()).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32")):
        return None
    if name in ("iso8859_1", "latin_1", "ascii", "cp1252", "windows_1252"):
        return "cp1252"
    return name


def decode_narrow(data: bytes) -> tuple[str, str | None]:
    """(text, warning) for UTF-8, or cp1252 with a warning; NotText if neither."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first = error
    try:
        return data.decode("cp1252"), CP1252
    except UnicodeDecodeError:
        byte = data[first.start]
        raise NotText(
            f"not valid UTF-8 or cp1252 (byte 0x{byte:02x} at offset {first.start})"
        ) from None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """(text, warning) for a whole file; ``declared`` is a charset the file names itself."""
    marked = byte_order_mark(data)
    if marked is not None:
        codec, warning = marked
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            name = codec.removesuffix("-sig").upper()
            raise NotText(f"not valid {name} despite its byte-order mark") from None
        if not text.strip():
            raise NotText("empty file")
        return text, warning
    if not data.strip():
        raise NotText("empty file")
    if looks_binary(data[:SAMPLE]):
        raise NotText("binary file, not text")
    codec = codec_name(declared) if declared else None
    if codec and codec != "utf_8":
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            pass
    return decode_narrow(data)


COMPRESSED = ".gz"


Position = Callable[[int], None]  # told how far into a file (in bytes on disk) reading is


class _Metered(io.RawIOBase):
    """A raw file that tells ``at`` its position after every read."""

    def __init__(self, raw: io.RawIOBase, at: Position) -> None:
        self.raw, self.at = raw, at

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        n = self.raw.readinto(buffer)
        self.at(self.raw.tell())
        return n

    def seekable(self) -> bool:
        return self.raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()


@contextmanager
def open_binary(path: Path, at: Position | None = None) -> Iterator[BinaryIO]:
    """The file's bytes, decompressed if its name ends in ``.gz``.

    ``at`` is told the position in the file on disk as reading goes on (for a
    gzipped file, in its compressed bytes): progress through a file of any size.
    """
    with ExitStack() as stack:
        raw = stack.enter_context(path.open("rb", buffering=0))
        binary: BinaryIO = stack.enter_context(
            io.BufferedReader(_Metered(raw, at) if at else raw)  # type: ignore[arg-type]
        )
        if path.suffix.lower() == COMPRESSED:
            binary = stack.enter_context(gzip.GzipFile(fileobj=binary, mode="rb"))  # type: ignore[assignment]
        yield binary


def kind(path: Path) -> str:
    """The format suffix of a file, past a ``.gz``: "a.jsonl.gz" -> ".jsonl"."""
    if path.suffix.lower() == COMPRESSED:
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def stem(path: Path) -> str:
    """The file name without its format suffix (nor ``.gz``): a one-document file's id."""
    return Path(path.stem).stem if path.suffix.lower() == COMPRESSED else path.stem


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a one-document file; NotText if it is over ``limit`` bytes.

    Never reads more than ``limit + 1`` bytes. OSError is left to the caller.
    """
    size = path.stat().st_size
    with open_binary(path) as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise NotText(
            f"file is {max(size, len(data)) / 1e6:.1f} MB, too large for one document "
            f"(limit {limit / 1e6:.0f} MB)"
        )
    return data


def read_text(
    path: Path, limit: int, charset: Callable[[bytes], str | None] | None = None
) -> tuple[str, str | None]:
    """(text, warning) of a one-document file of at most ``limit`` bytes; NotText if it
    cannot be read as text. ``charset`` finds a declared charset in the bytes."""
    try:
        data = read_bytes(path, limit)
    except OSError as error:
        raise NotText(f"cannot read file: {error.strerror or error}") from None
    return decode(data, charset(data) if charset else None)


_BLANK = b" \t\r\n"


def _skip_blank(file: BinaryIO) -> int:
    """Consume the blank lines (and leading blanks of the next line) at the file's
    position, a buffer at a time; returns how many line breaks were consumed.

    A file of nothing but newlines (a gigabyte of them compresses to a few
    megabytes) is then read at the speed of decompression, not a line at a time.
    """
    breaks = 0
    while head := file.peek(1):  # type: ignore[attr-defined]
        blank = len(head) - len(head.lstrip(_BLANK))
        if not blank:
            break
        breaks += head.count(b"\n", 0, blank)
        file.read(blank)
    return breaks


def _raw_lines(
    file: BinaryIO, limit: int, skip_blank: bool = False
) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, line as bytes split at b"\\n"), the bytes None for a line over
    ``limit`` bytes (skipped); blank lines left out if ``skip_blank``."""
    number = 0
    while True:
        if skip_blank:
            number += _skip_blank(file)
        raw = file.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        while (rest := file.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield number, None


class TextLines:
    """The lines of a text file, decoded one at a time so that big files stream.

    Creating it looks at the head of the file and raises ``NotText`` for a
    binary file. UTF-16/32 files (byte-order mark) are decoded as a whole, with
    ``warning`` set; any other file line by line, UTF-8 or else cp1252, so one
    bad line costs that line only. Lines keep their line endings. ``skip_blank``
    leaves blank lines out (of JSON lines, say; never of CSV, whose quoted fields
    may hold them), still counted in the line numbers.
    """

    def __init__(self, file: BinaryIO, max_bytes: int, skip_blank: bool = False) -> None:
        head = file.read(SAMPLE)
        file.seek(0)
        marked = byte_order_mark(head)
        self.codec, self.warning = marked if marked is not None else ("utf-8", None)
        if self.codec in ("utf-8", "utf-8-sig") and looks_binary(head):
            raise NotText("binary file, not text")
        self.file = file
        self.max_bytes = max_bytes
        self.skip_blank = skip_blank

    def _too_long(self, number: int) -> Line:
        reason = f"line is over {self.max_bytes / 1e6:.0f} MB, too large for one document"
        return Line(number, None, reason)

    def __iter__(self) -> Iterator[Line]:
        if self.codec in ("utf-16", "utf-32"):
            yield from self._wide()
            return
        for number, raw in _raw_lines(self.file, self.max_bytes, self.skip_blank):
            if raw is None:
                yield self._too_long(number)
                continue
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                text, warning = decode_narrow(raw)
            except NotText as error:
                yield Line(number, None, str(error))
                continue
            yield Line(number, text, warning)

    def _wide(self) -> Iterator[Line]:
        stream = io.TextIOWrapper(self.file, encoding=self.codec, newline="")
        limit = self.max_bytes // 2
        number = 0
        try:
            while text := stream.readline(limit + 1):
                number += 1
                if len(text) <= limit or text.endswith(("\n", "\r")):
                    yield Line(number, text, None)
                    continue
                while (rest := stream.readline(limit)) and not rest.endswith(("\n", "\r")):
                    pass
                yield self._too_long(number)
        except UnicodeDecodeError:
            name = self.codec.upper()
            yield Line(number + 1, None, f"not valid {name}; rest of file skipped")
        finally:
            stream.detach()
