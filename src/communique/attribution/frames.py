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
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from communique.attribution.lexicon import (
    EXCHANGE_VERBS,
    OBJECT_AS_CONTENT,
    PHRASAL_CUES,
    PREPOSITIONAL_CONTENT,
    channel_type,
    cue_class,
)
from communique.attribution.quotes import Quote
from communique.positions import sentence
from communique.positions import text as doc_text

# Dependencies through which a cue inherits the subject of the verb it hangs off.
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_VIA_PREPS = frozenset({"in", "on", "during", "through", "via", "at", "over", "from"})
_VIA_RANK = {"document": 0, "medium": 1, "occasion": 2}
_SPEECH_TO = frozenset(
    {
        "say",
        "explain",
        "write",
        "complain",
        "announce",
        "declare",
        "insist",
        "stress",
        "confirm",
        "admit",
        "reply",
        "respond",
        "report",
        "add",
    }
)
_DASH_AFTER = re.compile(r"\s*(?:—|–|--| - )\s*")


@dataclass(slots=True)
class Frame:
    """An attribution found in the parse, with token and character positions."""

    cue: list[int]  # token indices; empty for the quote-then-dash form
    cue_class: str | None
    source: tuple[int, int] | None  # token span
    content: list[tuple[int, int]]  # character spans
    kind: str
    addressee: int | None = None  # token index of the addressee's head
    via: tuple[int, int] | None = None  # character span
    via_type: str | None = None
    exchange: int | None = None  # token of a call/talks the statement was made in
    quotes: list[Quote] = field(default_factory=list)
    confidence: float = 0.9

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

    def inside(self, token: Token) -> bool:
        return self.of_token[token.i] is not None


# -- syntax helpers ---------------------------------------------------------------------------


def governors(verb: Token) -> Iterable[Token]:
    """The verb, then the verbs it hangs off through conj/advcl/xcomp/pcomp."""
    token = verb
    seen = 0
    while True:
        yield token
        if token.dep_ not in _CLIMB or token.head.i == token.i or seen > 6:
            return
        token = token.head
        if token.dep_ == "prep":  # "with Wang telling Blinken": pcomp of "with"
            token = token.head
        seen += 1


def subject_of(verb: Token) -> Token | None:
    """The subject a cue verb has, or inherits from the verb it hangs off."""
    # "was quoted as saying": the subject of "quoted".
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ == "quote":
        verb = head.head
    for governor in governors(verb):
        subjects = [c for c in governor.children if c.dep_ in _SUBJECTS]
        if subjects:
            # The nearest, should the parser give two ("HONOLULU, Feb 12 - Blinken told").
            child = min(subjects, key=lambda c: abs(c.i - governor.i))
            if child.tag_ in {"WP", "WDT"} and governor.dep_ == "relcl":
                return governor.head  # "Greyhaven Terminal Services, which ... said"
            return child
        if governor.dep_ == "relcl" and governor.head.pos_ in {"NOUN", "PROPN"}:
            return governor.head
        if governor.i == verb.i and verb.dep_ == "conj" and not cue_class(verb.head):
            # "X noted that A is coordinating ..., and reaffirmed that B": the parser joins the
            # second cue to the verb inside the first one's content; its subject is X.
            outer = next((g for g in governors(verb.head) if g.dep_ == "ccomp"), None)
            if (
                outer is not None
                and cue_class(outer.head)
                and any(c.dep_ == "ccomp" for c in verb.children)
            ):
                return subject_of(outer.head)
    return None


def noun_phrase(head: Token, keep_appos: bool = True) -> tuple[int, int]:
    """Token span of a noun phrase without its relative clauses and parentheses."""
    start = head.left_edge.i
    while start < head.i and head.doc[start].is_punct:
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in {"relcl", "acl", "advcl"} or child.left_edge.text in {"(", "["}:
            break
        if child.dep_ == "appos" and not keep_appos:
            break
        if child.dep_ == "punct":
            continue
        end = child.right_edge.i + 1
    while end > start + 1 and head.doc[end - 1].is_punct:
        end -= 1
    return start, end


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
        if child.dep_ == "ccomp":
            found.append(child)
        elif child.dep_ == "xcomp" and cls == "directive":
            # "urged Lavrov to pull back" reports a demand; "asked not to be named" does not.
            if any(c.dep_ in {"dobj", "dative"} for c in verb.children) or lemma == "call":
                found.append(child)
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


def _content_tokens(verb: Token, cls: str) -> list[Token]:
    tokens: set[int] = set()
    excluded: set[int] = set()
    for comp in _complements(verb, cls):
        for token in comp.subtree:
            tokens.add(token.i)
            # A nested cue joined by "and" or "while" is a statement of its own.
            nested = token.i != comp.i and token.dep_ in {"conj", "advcl"} and cue_class(token)
            if nested and any(
                c.dep_ in {"ccomp", "xcomp"} or c.dep_ in _SUBJECTS for c in token.children
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
    """Drop the complementiser, infinitive marker and punctuation at the edges."""
    while tokens and (
        tokens[0].is_punct
        or tokens[0].is_space
        or (tokens[0].dep_ == "mark" and tokens[0].lower_ in {"that", "whether"})
        or (tokens[0].lower_ == "to" and tokens[0].dep_ == "aux")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


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
    tokens: list[Token], qmap: QuoteMap
) -> tuple[str, list[tuple[int, int]], list[Quote]]:
    """Kind and content spans of complement tokens, given the quotations."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    touched = sorted({qmap.of_token[t.i] for t in words if qmap.of_token[t.i] is not None})
    quotes = [qmap.quotes[q] for q in touched]
    if quotes and all(qmap.inside(t) for t in words):
        return "direct", [f for q in quotes for f in q.fragments], quotes
    spans = _runs(tokens)
    if not quotes:
        return "indirect", spans, []
    # A quotation that starts inside the complement runs to its own end.
    end = max(spans[-1][1], *(q.fragments[0][1] for q in quotes))
    merged = [(spans[0][0], end)] if len(spans) == 1 else [*spans[:-1], (spans[-1][0], end)]
    merged += [f for q in quotes for f in q.fragments[1:]]
    return "partial", merged, quotes


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
    found: list[Quote] = []
    for qi, quote in enumerate(qmap.quotes):
        if qi in qmap.used:
            continue
        # Postposed: the quote closes just before the source or cue ('...," he said').
        if (
            not after_only
            and quote.outer_end <= frame_start
            and _between_is(text, quote.outer_end, frame_start, ",;:—–-")
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


def _addressee(verb: Token, cls: str) -> int | None:
    """The explicit addressee of a cue: "told Blinken", "warning Washington", "said to X"."""
    for governor in governors(verb):
        gcls = cue_class(governor)
        lemma = governor.lemma_.lower()
        for child in governor.children:
            if gcls == "directive" and child.dep_ in {"dobj", "dative"}:
                return child.i
            if (
                child.dep_ == "prep"
                and child.lower_ == "to"
                and lemma in _SPEECH_TO | {"speak", "talk"}
            ):
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0].i
            if child.dep_ == "prep" and child.lower_ == "on" and lemma == "call":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0].i
            if lemma in EXCHANGE_VERBS and child.dep_ == "prep" and child.lower_ == "with":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0].i
        for child in governor.children:
            exchange = _exchange_partner(child)
            if exchange is not None:
                return exchange
    return None


def _exchange_partner(prep: Token) -> int | None:
    """ "in a call with X", "during talks with X" -> X."""
    if prep.dep_ != "prep" or prep.lower_ not in _VIA_PREPS:
        return None
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        if channel_type(pobj) in {"exchange", "occasion"}:
            for inner in pobj.children:
                if inner.dep_ == "prep" and inner.lower_ in {"with", "to"}:
                    partner = [c for c in inner.children if c.dep_ == "pobj"]
                    if partner:
                        return partner[0].i
    return None


def exchange_of(verb: Token) -> int | None:
    """The token of a call or talks the cue is set in ("In the call, the secretary said").

    Also looks under the cue's infinitive, where the parser often hangs the phrase:
    "urged Lavrov to pull back, in a phone call".
    """
    infinitives = [c for c in verb.children if c.dep_ == "xcomp"]
    for governor in [*governors(verb), *infinitives]:
        for prep in governor.children:
            if prep.dep_ == "prep" and prep.lower_ in _VIA_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and channel_type(pobj) == "exchange":
                        return pobj.i
    return None


def channel_of(verb: Token) -> tuple[tuple[int, int], str] | None:
    """The best channel phrase attached to a cue: "in a statement", "on state television"."""
    best: tuple[int, tuple[int, int], str] | None = None
    for governor in governors(verb):
        for prep in governor.children:
            if prep.dep_ != "prep" or prep.lower_ not in _VIA_PREPS:
                continue
            for pobj in prep.children:
                kind = channel_type(pobj) if pobj.dep_ == "pobj" else None
                if kind is None or kind == "exchange":
                    continue
                start, end = noun_phrase(pobj)
                span = (verb.doc[start].idx, verb.doc[end - 1].idx + len(verb.doc[end - 1].text))
                rank = _VIA_RANK[kind]
                if best is None or rank < best[0]:
                    best = (rank, span, kind)
    return (best[1], best[2]) if best else None


def _source_span(subject: Token) -> tuple[int, int]:
    return noun_phrase(subject)


def _document_subject(verb: Token) -> bool:
    """ "the statement read": an active "read" whose subject is a document."""
    subject = subject_of(verb)
    return subject is not None and subject.dep_ == "nsubj" and channel_type(subject) == "document"


def cue_frames(doc: Doc, qmap: QuoteMap) -> list[Frame]:
    """Frames built around cue verbs (the first two shapes)."""
    frames: list[Frame] = []
    for verb in doc:
        cls = cue_class(verb)
        if cls is None or qmap.inside(verb):
            continue
        if cls == "document" and not _document_subject(verb):
            continue
        subject = subject_of(verb)
        if subject is None or qmap.inside(subject):
            continue
        source = _source_span(subject)
        tokens = _trim(_content_tokens(verb, cls))
        if tokens:
            kind, content, quotes = _classify(tokens, qmap)
            if cls == "belief" and not any(c.dep_ == "ccomp" for c in verb.children):
                continue
        else:
            quotes = _adjacent_quotes(verb, source, qmap)
            if not quotes:
                continue
            kind, content = "direct", [f for q in quotes for f in q.fragments]
        if kind == "direct":
            # '"We are ready," said Ruiz, "but not at any price."': the quote goes on.
            for more in _adjacent_quotes(verb, source, qmap, after_only=True):
                if more not in quotes:
                    quotes.append(more)
                    content = [*content, *more.fragments]
        for quote in quotes:
            qmap.used.add(qmap.quotes.index(quote))
        frame = Frame(
            cue=_cue_tokens(verb),
            cue_class=cls,
            source=source,
            content=[s for s in content if s[1] > s[0]],
            kind=kind,
            quotes=quotes,
            addressee=_addressee(verb, cls),
            exchange=exchange_of(verb),
        )
        channel = channel_of(verb)
        if channel:
            frame.via, frame.via_type = channel
        if frame.content:
            frames.append(frame)
    return frames


def dash_frames(doc: Doc, qmap: QuoteMap) -> list[Frame]:
    """'"Our key concerns were simply ignored" — Lavrov, in the ministry's account.'"""
    frames: list[Frame] = []
    text = doc_text(doc)
    for qi, quote in enumerate(qmap.quotes):
        if qi in qmap.used or not quote.closed:
            continue
        match = _DASH_AFTER.match(text, quote.outer_end)
        if not match:
            continue
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is None:
            continue
        first = span[0]
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
            confidence=0.8,
        )
        # A channel after the source: "— Lavrov, in the ministry's account."
        for token in doc[end:sent_end]:
            if token.dep_ == "pobj" and channel_type(token) in _VIA_RANK:
                start, stop = noun_phrase(token)
                frame.via = (doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1].text))
                frame.via_type = channel_type(token)
                break
        qmap.used.add(qi)
        frames.append(frame)
    return frames


def according_frames(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """'..., according to X': the via of the sentence's statements, or a statement of its own."""
    new: list[Frame] = []
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
        in_sentence = [f for f in frames if f.cue and sent.start <= f.cue[0] < sent.end]
        if in_sentence:
            for frame in in_sentence:
                if frame.via is None or _VIA_RANK.get(frame.via_type or "", 9) > 0:
                    frame.via, frame.via_type = x_span, channel_type(pobj) or "source"
            continue
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
                confidence=0.8,
            )
        )
    return new
