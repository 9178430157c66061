"""Attribution frames: cue, source, content, addressee and channel, from the parse.

A frame is a statement before its speaker is resolved. Four shapes are found:

- a cue verb with a clause or infinitive complement ("Wang told Blinken that
  ...", "warning Washington to ..."), direct, partial or indirect by how much
  of the complement is inside quote marks;
- a cue verb next to a quotation ('"...," he added', 'X said: "..."');
- a quotation followed by a dash and its source ('"..." — Lavrov');
- "according to X" as the only attribution of a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from communique.attribution.arguments import (
    VIA_RANK,
    addressee_of,
    channel_of,
    cue_subject,
    exchange_of,
    rule_cue,
)
from communique.attribution.learned import (
    FrameTable,
    best_frame,
    candidate_frames,
    content_root,
    noun_source,
)
from communique.attribution.lexicon import (
    OBJECT_AS_CONTENT,
    PHRASAL_CUES,
    PREPOSITIONAL_CONTENT,
    channel_type,
    cue_class,
)
from communique.attribution.quotes import Quote
from communique.attribution.settings import AttributionSettings
from communique.positions import sentence, token_at
from communique.positions import text as doc_text
from communique.syntax import SUBJECTS, noun_phrase

# A quote paragraph's speaker is named fewer than this many paragraphs before it.
_QUOTE_PARAGRAPHS = 3
# Small words inside a title: “The Art of the Deal”.
_TITLE_WORDS = frozenset({"a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to"})
_DASH_AFTER = re.compile(r"\s*(?:—|–|--| - )\s*")
# A document speaking of itself, or to its reader, reports no one else's statement.
FIRST_AND_SECOND_PERSON = frozenset({"i", "we", "us", "you", "me"})


@dataclass(slots=True)
class Frame:
    """An attribution found in the parse, with token and character positions."""

    cue: list[int]  # token indices; empty for the quote-then-dash form
    cue_class: str | None
    source: tuple[int, int] | None  # token span
    content: list[tuple[int, int]]  # character spans
    kind: str
    confidence: float
    addressee: int | None = None  # token index of the addressee's head
    via: tuple[int, int] | None = None  # character span
    via_type: str | None = None
    exchange: int | None = None  # token of a call/talks the statement was made in
    quotes: list[Quote] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


class QuoteMap:
    """Which token lies inside which quotation."""

    def __init__(self, doc: Doc, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.of_token: list[int | None] = [None] * len(doc)
        for qi, quote in enumerate(quotes):
            for start, end in quote.fragments:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    if token.idx >= start and token.idx < end:
                        self.of_token[token.i] = qi
        self.used: set[int] = set()
        self.number = {id(quote): qi for qi, quote in enumerate(quotes)}
        self._opens = [q.open_mark for q in quotes]
        self._closes = [q.outer_end for q in quotes]
        # ``find_quotes`` gives them in text order; should they not be, lookups give them all
        self.in_order = all(a < b for a, b in pairwise(self._opens)) and all(
            a <= b for a, b in pairwise(self._closes)
        )

    def inside(self, token: Token) -> bool:
        return self.of_token[token.i] is not None

    def opening(self, start: int, end: int) -> range:
        """The numbers of the quotations opening at an offset in ``[start, end]`` (or more)."""
        if not self.in_order:
            return range(len(self.quotes))
        return range(bisect_left(self._opens, start), bisect_right(self._opens, end))

    def closing(self, start: int, end: int) -> range:
        """The numbers of the quotations whose closing mark ends in ``[start, end]`` (or more)."""
        if not self.in_order:
            return range(len(self.quotes))
        return range(bisect_left(self._closes, start), bisect_right(self._closes, end))


# -- syntax helpers ---------------------------------------------------------------------------


def _cue_tokens(verb: Token) -> list[int]:
    tokens = [verb.i]
    lemma = verb.lemma_.lower()
    if lemma in PHRASAL_CUES:
        _, word = PHRASAL_CUES[lemma]
        tokens += [c.i for c in verb.children if c.lower_ == word]
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ == "quote":
        tokens += [head.i, head.head.i]  # "quoted as saying"
    return sorted(tokens)


def _complements(verb: Token, cls: str) -> list[Token]:
    """The children of a cue verb that carry what was said."""
    lemma = verb.lemma_.lower()
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "ccomp" and _reporting_tail(child):
            found += _told_before(child)  # the clause, not "Interfax reported"
        elif child.dep_ == "ccomp":
            found.append(child)
        elif child.dep_ == "xcomp" and cls == "directive":
            # "urged Lavrov to pull back" reports a demand; "asked not to be named" does not.
            # The one urged is part of what was demanded: "Lavrov to pull back".
            objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
            if objects or lemma == "call":
                found += [*objects, child]
        elif child.dep_ == "dobj" and lemma in OBJECT_AS_CONTENT:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in PREPOSITIONAL_CONTENT.get(lemma, ()):
            found += [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
        elif child.dep_ in {"dobj", "dative", "prep"}:
            # The parser often hangs the content off an object: "warned councillors that ...",
            # "said in a statement that ...", "accused Washington and its allies of waging".
            objects = (
                [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            )
            for inner in (t for obj in objects for o in (obj, *obj.conjuncts) for t in o.children):
                if inner.dep_ in {"acl", "relcl", "ccomp"} and any(
                    t.dep_ == "mark" and t.lower_ == "that" for t in inner.children
                ):
                    found.append(inner)
                elif inner.dep_ == "prep" and inner.lower_ in PREPOSITIONAL_CONTENT.get(lemma, ()):
                    found += [c for c in inner.children if c.dep_ in {"pobj", "pcomp"}]
        elif child.dep_ == "prep" and lemma == "draw" and child.lower_ == "to":
            # "drew attention to the fact that ...": the that-clause is the content.
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                clauses = [c for c in pobj.children if c.dep_ in {"acl", "ccomp"}]
                found += clauses or [pobj]
        elif child.dep_ == "dobj" and lemma == "call" and cls == "directive":
            found += [c for c in child.children if c.dep_ in {"xcomp", "acl"}]
    if lemma == "call":  # "called on Moscow to ...": the infinitive may hang off "on"'s object
        for prep in (c for c in verb.children if c.lower_ == "on"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [c for c in pobj.children if c.dep_ in {"xcomp", "acl", "relcl"}]
    return found


def _list_goes_on(verb: Token, comps: list[Token]) -> list[Token]:
    """The rest of a list of predicates that the parser hangs off the cue, misled by a closing
    mark: in 'noted that it does not seek a “new Cold War”, does not seek to change …', the
    conjuncts "does not seek to change …" after the clause (with the commas between), without
    a subject of their own and in the clause's verb form, not the cue's ("said the talks failed
    and left" is two acts)."""
    clauses = [c for c in comps if c.dep_ == "ccomp"]
    if not clauses:
        return []
    clause = clauses[-1]
    end = max(t.i for t in clause.subtree)
    more: list[Token] = []
    conjuncts = sorted(
        (c for c in verb.children if c.dep_ == "conj" and c.i > end), key=lambda c: c.i
    )
    for conj in conjuncts:
        between = list(verb.doc[end + 1 : conj.left_edge.i])
        if any(not (t.is_punct or t.dep_ == "cc") for t in between):
            break
        if any(c.dep_ in SUBJECTS for c in conj.children) or conj.tag_ == verb.tag_:
            break
        if conj.tag_ != clause.tag_:
            break
        more += [*between, conj]
        end = max(t.i for t in conj.subtree)
    return more


_TAIL_CUES = frozenset({"report", "say", "write", "state"})


def _told_before(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]


def _reporting_tail(verb: Token) -> bool:
    """ "Lavrov said the talks had failed, the Interfax news agency reported": the parser hangs
    the closing "Interfax reported" under the first cue, with the clause that cue reports
    under it. The tail carries the whole first statement; the first cue says the clause."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return (
        verb.dep_ == "ccomp"
        and verb.head.i < verb.i
        and verb.lemma_.lower() in _TAIL_CUES
        and rule_cue(verb.head) is not None
        and len(subjects) == 1
        and subjects[0].left_edge.i > 0
        and verb.doc[subjects[0].left_edge.i - 1].text == ","
        and bool(_told_before(verb))
        and not any(c.dep_ in {"dobj", "dative"} for c in verb.children)
    )


def _content_tokens(verb: Token, cls: str) -> list[Token]:
    if _reporting_tail(verb):
        own = {t.i for t in verb.subtree} - {t.i for c in _told_before(verb) for t in c.subtree}
        return [t for t in verb.head.subtree if t.i not in own]
    tokens: set[int] = set()
    excluded: set[int] = set()
    comps = _complements(verb, cls)
    for comp in comps + _list_goes_on(verb, comps):
        for token in comp.subtree:
            tokens.add(token.i)
            # A nested cue joined by "and" or "while" is a statement of its own.
            nested = token.i != comp.i and token.dep_ in {"conj", "advcl"} and rule_cue(token)
            if nested and any(
                c.dep_ in {"ccomp", "xcomp"} or c.dep_ in SUBJECTS for c in token.children
            ):
                excluded.update(t.i for t in token.subtree)
                left = token.left_edge.i - 1
                while left >= 0 and verb.doc[left].dep_ in {"cc", "punct"}:
                    excluded.add(left)
                    left -= 1
    tokens -= excluded
    tokens.discard(verb.i)
    return [verb.doc[i] for i in sorted(tokens)]


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and space at the edges. The complementiser stays ("that the
    vote would go ahead"), as annotated in attribution corpora."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and not _opens(tokens):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and not _closes(tokens):
        tokens = tokens[:-1]
    if tokens and tokens[0].i > 0:
        # the parser may hang an opening mark on the cue: 'claims “The Art of the Deal” …'
        before = tokens[0].doc[tokens[0].i - 1]
        if before.text in {"“", '"'} and _opens([before, *tokens]):
            tokens = [before, *tokens]
    return tokens


def _opens(tokens: list[Token]) -> bool:
    """Whether the first token opens a quotation closed inside ``tokens``, after which the
    content goes on: 'claims “The Art of the Deal” changed his life'."""
    first = tokens[0].text
    rest = "".join(t.text for t in tokens[1:])
    if first == "“":
        return rest.count("”") > rest.count("“")
    if first == '"':
        return rest.count('"') % 2 == 1
    return False


def _closes(tokens: list[Token]) -> bool:
    """Whether the last token closes a quotation opened inside ``tokens``: '… does not
    support “Taiwan independence”' keeps its closing mark."""
    last = tokens[-1].text
    before = "".join(t.text for t in tokens[:-1])
    if last == "”":
        return before.count("“") > before.count("”")
    if last == '"':
        return before.count('"') % 2 == 1
    return False


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of the contiguous runs of ``tokens``."""
    runs: list[tuple[int, int]] = []
    for token in tokens:
        end = token.idx + len(token.text)
        if runs and token.i == runs[-1][2] + 1:
            runs[-1] = (runs[-1][0], end, token.i)
        else:
            runs.append((token.idx, end, token.i))
    return [(s, e) for s, e, _ in runs]


# -- the four shapes ----------------------------------------------------------------------


def _classify(
    tokens: list[Token], qmap: QuoteMap, cls: str | None = None
) -> tuple[str, list[tuple[int, int]], list[Quote]]:
    """Kind and content spans of complement tokens, given the quotations; ``cls`` the cue's
    class (a belief's scare quote is no one's words)."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    touched = sorted({qmap.of_token[t.i] for t in words if qmap.of_token[t.i] is not None})
    quotes = [qmap.quotes[q] for q in touched]
    if quotes and all(qmap.inside(t) for t in words):
        return "direct", [f for q in quotes for f in q.fragments], quotes
    spans = _runs(tokens)
    if not quotes:
        return "indirect", spans, []
    if all(_not_words(tokens[0].doc, q, cls) for q in quotes):
        return "indirect", spans, quotes
    # A quotation that starts inside the complement runs to its own end.
    end = max(spans[-1][1], *(q.fragments[0][1] for q in quotes))
    merged = [(spans[0][0], end)] if len(spans) == 1 else [*spans[:-1], (spans[-1][0], end)]
    merged += [f for q in quotes for f in q.fragments[1:]]
    return "partial", merged, quotes


def _not_words(doc: Doc, quote: Quote, cls: str | None) -> bool:
    """Whether a quotation quotes no one's words: a title (“The Art of the Deal”), or one word
    in a belief ('thinks the plan is “brave”': a scare quote). One word after a verb of
    speech is the speaker's ('warned of a “severe” price')."""
    words = doc_text(doc)[quote.start : quote.end].split()
    if len(words) == 1:
        return cls == "belief"
    return all(w[0].isupper() or w in _TITLE_WORDS for w in words)


def _between_is(text: str, start: int, end: int, allowed: str) -> bool:
    return start <= end and all(c.isspace() or c in allowed for c in text[start:end])


def _adjacent_quotes(
    verb: Token, source: tuple[int, int] | None, qmap: QuoteMap, after_only: bool = False
) -> list[Quote]:
    """Quotations that a bare cue introduces or closes: '"...," he said' or 'He said: "..."'.

    With ``after_only``, just a quotation that resumes after the cue ('..., he said, "...').
    """
    doc = verb.doc
    text = doc_text(doc)
    sent = sentence(verb)
    cue_start = verb.idx
    frame_start = min(cue_start, doc[source[0]].idx) if source else cue_start
    frame_end = max(
        verb.idx + len(verb.text),
        doc[source[1] - 1].idx + len(doc[source[1] - 1].text) if source else 0,
    )
    # Only quotations near the frame can qualify: one closing just before it, with nothing but
    # space and ",;:—–-" between, or one opening after it in its sentence or before the second
    # line break.
    after_marks = frame_start
    while after_marks > 0 and (
        text[after_marks - 1].isspace() or text[after_marks - 1] in ",;:—–-"
    ):
        after_marks -= 1
    first_break = text.find("\n", frame_end)
    last_open = sent.end_char + 1
    if first_break >= 0:
        last_open = max(last_open, _line_break_after(text, first_break + 1))
    near = {*qmap.closing(after_marks, frame_start), *qmap.opening(frame_end, last_open)}
    found: list[Quote] = []
    for qi in sorted(near):
        quote = qmap.quotes[qi]
        if qi in qmap.used:
            continue
        # Postposed: the quote closes just before the source or cue ('...," he said').
        if (
            not after_only
            and quote.outer_end <= frame_start
            and _between_is(text, quote.outer_end, frame_start, ",;:—–-")
            and "\n" not in text[quote.outer_end : frame_start]
        ):
            found.append(quote)
            continue
        # Preposed: 'said: "..."' in the same sentence or at the start of the next paragraph.
        if quote.open_mark >= frame_end:
            gap = text[frame_end : quote.open_mark]
            last = gap.rstrip()
            same_sentence = quote.open_mark < sent.end_char + 2
            introduced = last.endswith(":") and (same_sentence or "\n" in gap)
            if introduced and gap.count("\n") <= 1 and _no_verb_between(doc, verb, quote.open_mark):
                found.append(quote)
                continue
            if (
                last.endswith(",")
                and same_sentence
                and (found or after_only)
                and (_between_is(text, frame_end, quote.open_mark, ","))
            ):
                found.append(quote)  # '"A," he said, "B."'
    return found


def _line_break_after(text: str, offset: int) -> int:
    """The offset of the first line break at or after ``offset``, else the end of ``text``."""
    found = text.find("\n", offset)
    return found if found >= 0 else len(text)


def _no_verb_between(doc: Doc, verb: Token, offset: int) -> bool:
    for token in doc[verb.i + 1 :]:
        if token.idx >= offset:
            return True
        if (
            token.pos_ == "VERB"
            and token.dep_ in {"ROOT", "ccomp", "conj"}
            and token.head.i != verb.i
        ):
            return False
    return True


def _source_span(subject: Token) -> tuple[int, int]:
    return noun_phrase(subject)


def _document_subject(verb: Token) -> bool:
    """ "the statement read": an active "read" whose subject is a document."""
    subject = cue_subject(verb)
    return subject is not None and subject.dep_ == "nsubj" and channel_type(subject) == "document"


def _verb_frame(
    verb: Token,
    cls: str,
    source: tuple[int, int] | None,
    kind: str,
    content: list[tuple[int, int]],
    quotes: list[Quote],
    confidence: float,
) -> Frame | None:
    """A frame around a cue verb, with its addressee, setting and channel."""
    spans = [s for s in content if s[1] > s[0]]
    if not spans:
        return None
    frame = Frame(
        cue=_cue_tokens(verb),
        cue_class=cls,
        source=source,
        content=spans,
        kind=kind,
        quotes=quotes,
        confidence=confidence,
        addressee=addressee_of(verb, "speech" if cls == "learned" else cls),
        exchange=exchange_of(verb),
    )
    channel = channel_of(verb)
    if channel:
        frame.via, frame.via_type = channel
    return frame


def cue_frames(doc: Doc, qmap: QuoteMap, confidence: float) -> list[Frame]:
    """Frames built around cue verbs (the first two shapes), of confidence ``confidence``."""
    frames: list[Frame] = []
    for verb in doc:
        if not qmap.inside(verb):
            frame = _cue_frame(verb, qmap, confidence)
            if frame is not None:
                frames.append(frame)
    return frames


def _cue_frame(verb: Token, qmap: QuoteMap, confidence: float) -> Frame | None:
    """The frame around one cue verb outside quotations, if it attributes something."""
    cls = cue_class(verb)
    if cls is None or cls == "stance":
        return None
    if cls == "document" and not _document_subject(verb):
        return None
    subject = cue_subject(verb)
    if subject is None or qmap.inside(subject):
        return None
    source = _source_span(subject)
    tokens = _trim(_content_tokens(verb, cls))
    if not tokens and verb.dep_ == "parataxis":
        # "Everything, he says, is a lie": the clause the cue interrupts.
        inside = {t.i for t in verb.subtree}
        tokens = _trim([t for t in verb.head.subtree if t.i not in inside])
    if tokens:
        kind, content, quotes = _classify(tokens, qmap, cls)
        if cls == "belief" and not any(c.dep_ == "ccomp" for c in verb.children):
            return None
    else:
        quotes = _adjacent_quotes(verb, source, qmap)
        if not quotes:
            return None
        kind, content = "direct", [f for q in quotes for f in q.fragments]
    if kind == "direct":
        # '"We are ready," said Ruiz, "but not at any price."': the quote goes on, and
        # may have begun before the cue.
        around = _adjacent_quotes(verb, source, qmap)
        around += _adjacent_quotes(verb, source, qmap, after_only=True)
        for more in around:
            if more not in quotes:
                quotes.append(more)
        quotes.sort(key=lambda q: q.start)
        content = [f for q in quotes for f in q.fragments]
    for quote in quotes:
        qmap.used.add(qmap.number[id(quote)])
    return _verb_frame(verb, cls, source, kind, content, quotes, confidence)


def reported_frames(doc: Doc, quote: Quote, confidence: float) -> list[Frame]:
    """Frames a quoted document reports in the third person, of confidence ``confidence``:
    in '“Secretary Ruiz underscored the risks and conveyed that dialogue is the way
    forward,” the statement read', Ruiz's statement "that dialogue is the way forward".

    A cue inside the quotation counts when its subject is inside it too and is not the
    document speaking of itself ("we", "I"); the words are the document's, so the
    statement is indirect."""
    frames: list[Frame] = []
    for start, end in quote.fragments:
        span = doc.char_span(start, end, alignment_mode="contract")
        for verb in span or ():
            frame = _reported_frame(verb, span, confidence)
            if frame is not None:
                frames.append(frame)
    return frames


def _reported_frame(verb: Token, within: Span, confidence: float) -> Frame | None:
    cls = rule_cue(verb)
    if cls is None or cls in {"document", "continuation"}:
        return None
    subject = cue_subject(verb)
    if subject is None or not within.start <= subject.i < within.end:
        return None
    if subject.lower_ in FIRST_AND_SECOND_PERSON:
        return None
    tokens = [t for t in _trim(_content_tokens(verb, cls)) if t.i < within.end]
    if not tokens or (cls == "belief" and not any(c.dep_ == "ccomp" for c in verb.children)):
        return None
    return _verb_frame(verb, cls, _source_span(subject), "indirect", _runs(tokens), [], confidence)


def _bridges(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether the text between a statement and the next quotation lets the quotation
    continue it: the rest of the cue's sentence (an apposition, a full stop), no verb, no
    other quotation, at most one paragraph break."""
    gap = text[start:end]
    if gap.count("\n") > 1 or any(mark in gap for mark in '“”"«»'):
        return False
    if not gap.strip(" \t\n.,;:"):
        return True
    span = doc.char_span(start, end, alignment_mode="contract")
    words = [t for t in span or () if not t.is_punct and not t.is_space]
    return (
        gap.rstrip().endswith((".", "!", "?"))
        and "\n" not in gap
        and not any(t.pos_ in {"VERB", "AUX"} and not _subordinate(t) for t in words)
    )


def _subordinate(verb: Token) -> bool:
    """A participle with no subject of its own, inside the cue's sentence: "says while rolling
    up her sleeves"."""
    return verb.tag_ in {"VBG", "VBN"} and not any(c.dep_ in SUBJECTS for c in verb.children)


def follow_on_quotes(doc: Doc, frames: list[Frame], qmap: QuoteMap) -> None:
    """Quote sentences that follow a direct statement in its paragraph are its content too:
    '"It is fiscally responsible," said Burman. "It doesn't make things worse."'."""
    text = doc_text(doc)
    for frame in sorted(frames, key=lambda f: f.end):
        if frame.kind != "direct" or frame.cue_class == "learned":
            continue
        if sum(len(text[s:e].split()) for s, e in frame.content) < 4 and not _says_a_sentence(
            text, frame
        ):
            continue  # a quoted phrase ("called it “outrageous”") is not a speech turn
        end = (
            max(frame.end, *(doc[i].idx + len(doc[i]) for i in frame.cue))
            if frame.cue
            else (frame.end)
        )
        if frame.source is not None:
            end = max(end, doc[frame.source[1] - 1].idx + len(doc[frame.source[1] - 1]))
        for qi in qmap.opening(end, len(text)):
            quote = qmap.quotes[qi]
            if qmap.in_order and quote.open_mark > _line_break_after(
                text, _line_break_after(text, end) + 1
            ):
                break  # two line breaks away: no bridge to this one nor any after it
            if qi in qmap.used or quote.open_mark < end:
                continue
            if not _bridges(doc, text, end, quote.open_mark):
                break
            gap = text[end : quote.open_mark]
            rest = sentence(token_at(doc, quote.outer_end - 1))
            if text[quote.outer_end : rest.end_char].strip(" .,;:!?\n"):
                break  # the sentence goes on after the quote: not a bare quotation
            if (
                "\n" in gap
                and "\n" not in text[rest.end_char - 1 : rest.end_char + 1]
                and (rest.end_char < len(text))
            ):
                break  # a new paragraph that does not end with the quote has its own story
            frame.content = [*frame.content, *quote.fragments]
            frame.quotes.append(quote)
            qmap.used.add(qi)
            end = rest.end_char


def _says_a_sentence(text: str, frame: Frame) -> bool:
    """A short quotation that is a whole sentence ("“We will win!” insists Kowalska") is a
    speech turn: it ends with its own full stop, question or exclamation mark."""
    last = frame.content[-1] if frame.content else None
    return last is not None and text[last[0] : last[1]].rstrip().endswith(("!", "?", "."))


def quote_paragraphs(
    doc: Doc, frames: list[Frame], qmap: QuoteMap, confidence: float
) -> list[Frame]:
    """A paragraph that is only a quotation, which nothing claims, is the most recent
    speaker's: '“The talks have failed,” said Kowalska.' ... '“We have waited long enough.”'
    (of confidence ``confidence``), if fewer than ``_QUOTE_PARAGRAPHS`` paragraphs lie
    between."""
    text = doc_text(doc)
    found: list[Frame] = []
    before = sorted((f for f in frames if f.source is not None), key=lambda f: f.end)
    ends = [f.end for f in before]
    for qi, quote in enumerate(qmap.quotes):
        if qi in qmap.used or not _whole_paragraph(text, quote):
            continue
        if len(text[quote.open_mark : quote.outer_end].split()) < 4:
            continue  # a title or a phrase
        n = bisect_right(ends, quote.open_mark)
        if n == 0:
            continue
        last = before[n - 1]
        between = text[last.end : quote.open_mark].split("\n")[1:-1]
        if sum(1 for line in between if line.strip()) >= _QUOTE_PARAGRAPHS:
            continue
        found.append(
            Frame(
                cue=[],
                cue_class=None,
                source=last.source,
                content=list(quote.fragments),
                kind="direct",
                quotes=[quote],
                confidence=confidence,
            )
        )
        qmap.used.add(qi)
    return found


def _whole_paragraph(text: str, quote: Quote) -> bool:
    start = text.rfind("\n", 0, quote.open_mark) + 1
    end = _line_break_after(text, quote.outer_end)
    return not text[start : quote.open_mark].strip() and text[quote.outer_end : end].strip() in {
        "",
        ".",
    }


def _infinitive_content(verb: Token) -> bool:
    """Whether a verb's infinitive can be what it attributes.

    Not for the verbs of the cue lexicon that take one as a commitment ("agreed to
    remain in contact", "vowed to fight": events, not statements), nor for a directive
    without the one it is addressed to ("asked not to be named").
    """
    cls = cue_class(verb)
    if cls in {"speech", "continuation", "document"}:
        return False
    if cls == "directive":
        return any(c.dep_ in {"dobj", "dative"} for c in verb.children)
    return True


def _gives_a_name(verb: Token) -> bool:
    """ "Workers call her the Iron Lady": a verb of calling with a proper name as its object
    complement names someone; it reports no words ("called Oz a quack" does)."""
    return verb.lemma_.lower() in {"call", "name", "dub", "nickname"} and any(
        c.dep_ == "oprd" and c.pos_ == "PROPN" for c in verb.children
    )


def learned_frames(
    doc: Doc,
    qmap: QuoteMap,
    frames: list[Frame],
    table: FrameTable,
    settings: AttributionSettings,
) -> list[Frame]:
    """Frames the learned model (``table``, trusted as far as ``settings`` say) adds for
    verbs the rules left alone (see ``learned``); a frame's confidence is its estimate."""
    taken = {i for frame in frames for i in frame.cue}
    content_tokens = {
        t.i
        for f in frames
        for s, e in f.content
        for t in doc.char_span(s, e, alignment_mode="expand") or ()
    }
    new: list[Frame] = []
    for verb in doc:
        if verb.i in taken or qmap.inside(verb) or verb.pos_ not in {"VERB", "AUX", "NOUN"}:
            continue
        found = best_frame(verb, table, settings)
        if found is None:
            continue
        _, child, estimate = found
        subject = noun_source(verb) if verb.pos_ == "NOUN" else cue_subject(verb)
        if subject is not None and qmap.inside(subject):
            continue
        if channel_type(child) is not None and child.dep_ == "dobj":
            continue  # "issued a statement": the channel, not what it says
        if subject is None:
            continue  # the model's frames need a source in the text: "is expected to" has none
        if child.dep_ == "xcomp" and not _infinitive_content(verb):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue  # "did not mention X" reports what was not said
        if _gives_a_name(verb):
            continue
        # The whole complement: "called Oz a quack", "criticized the act as a “crazy system”".
        parts = [
            child,
            *(
                c
                for _, c in candidate_frames(verb)
                if (c.i != child.i and c.dep_ in {"dobj", "oprd", "dative"})
                or (c.dep_ == "prep" and c.lower_ in {"as", "for", "to"})
            ),
        ]
        tokens = _trim(
            sorted(
                {t for part in parts for root in content_root(part) for t in root.subtree},
                key=lambda t: t.i,
            )
        )
        if not tokens or all(t.i in content_tokens for t in tokens):
            continue
        kind, content, quotes = _classify(tokens, qmap)
        source = _source_span(subject) if subject is not None else None
        frame = _verb_frame(verb, "learned", source, kind, content, quotes, round(estimate, 2))
        if frame is not None:
            new.append(frame)
    return new


def dash_frames(doc: Doc, qmap: QuoteMap, confidence: float) -> list[Frame]:
    """'"Our key concerns were simply ignored" — Lavrov, in the ministry's account.', of
    confidence ``confidence``."""
    frames: list[Frame] = []
    text = doc_text(doc)
    for qi, quote in enumerate(qmap.quotes):
        if qi in qmap.used or not quote.closed:
            continue
        match = _DASH_AFTER.match(text, quote.outer_end)
        if not match:
            continue
        first = token_at(doc, match.end())
        if first.idx < match.end() or first.is_space:
            continue
        sent_end = sentence(first).end
        end = first.i
        while end < sent_end and not doc[end].is_punct and not doc[end].is_space:
            end += 1
        if end == first.i or not any(t.pos_ in {"PROPN", "NOUN"} for t in doc[first.i : end]):
            continue
        frame = Frame(
            cue=[],
            cue_class=None,
            source=(first.i, end),
            content=list(quote.fragments),
            kind="direct",
            quotes=[quote],
            confidence=confidence,
        )
        # A channel after the source: "— Lavrov, in the ministry's account."
        for token in doc[end:sent_end]:
            if token.dep_ == "pobj" and channel_type(token) in VIA_RANK:
                start, stop = noun_phrase(token)
                frame.via = (doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1].text))
                frame.via_type = channel_type(token)
                break
        qmap.used.add(qi)
        frames.append(frame)
    return frames


def _without(spans: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    """Character spans less the range ``cut`` ("..., according to X" is not what X said)."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        kept += [(a, b) for a, b in ((start, min(end, cut[0])), (max(start, cut[1]), end)) if b > a]
    return kept


def according_frames(doc: Doc, frames: list[Frame], confidence: float) -> list[Frame]:
    """'..., according to X': the via of the sentence's statements, or a statement of its own
    (of confidence ``confidence``)."""
    new: list[Frame] = []
    by_sentence: dict[int, list[Frame]] = {}  # frames by the start of their cue's sentence
    for frame in frames:
        if frame.cue:
            by_sentence.setdefault(sentence(doc[frame.cue[0]]).start, []).append(frame)
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            continue
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sent = sentence(token)
        phrase = sorted({token.i, to.i, *(t.i for t in token.subtree), *(t.i for t in to.subtree)})
        start, end = noun_phrase(pobj)
        x_span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        in_sentence = by_sentence.get(sent.start, [])
        if in_sentence:
            said = (doc[phrase[0]].idx, doc[phrase[-1]].idx + len(doc[phrase[-1]]))
            for frame in in_sentence:
                if frame.via is None or VIA_RANK.get(frame.via_type or "", 9) > 0:
                    frame.via, frame.via_type = x_span, channel_type(pobj) or "source"
                if not any(a <= said[0] < b for q in frame.quotes for a, b in q.fragments):
                    # unless the quote says it
                    frame.content = _without(frame.content, said) or frame.content
            if channel_type(pobj) != "document" or any(f.cue[0] < token.i for f in in_sentence):
                continue
            # "According to the statement, Ruiz emphasized ...": opening the sentence, the
            # document's statement, which carries Ruiz's; after a cue ('"...," Ruiz said,
            # according to the statement') only the channel of Ruiz's.
        rest = [t for t in sent if t.i not in phrase and not t.is_space]
        rest = _trim(rest)
        if not rest:
            continue
        new.append(
            Frame(
                cue=[token.i, to.i],
                cue_class="according_to",
                source=(start, end),
                content=_runs(rest),
                kind="according_to",
                confidence=confidence,
            )
        )
    return new
