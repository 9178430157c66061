"""From a parsed ``Doc`` to ``Statement`` records with resolved speakers."""

from __future__ import annotations

from bisect import bisect_right, insort

from spacy.tokens import Doc, Token

from communique.actors import ActorDirectory
from communique.attribution.arguments import cue_subject
from communique.attribution.frames import (
    Frame,
    QuoteMap,
    according_frames,
    cue_frames,
    dash_frames,
    follow_on_quotes,
    learned_frames,
    quote_paragraphs,
)
from communique.attribution.institutions import agency_in
from communique.attribution.learned import FrameTable
from communique.attribution.lexicon import EXCHANGE_VERBS, channel_type, statement_class
from communique.attribution.nesting import (
    Carried,
    anchor_of,
    carried_frames,
    carry_on,
    document_source,
    link_carriers,
)
from communique.attribution.omissions import find_omissions
from communique.attribution.quotes import document_quotes
from communique.attribution.readouts import carry, continue_voice, recognise
from communique.attribution.settings import AttributionSettings
from communique.attribution.speakers import Said, SpeakerResolver
from communique.positions import sentence, text
from communique.records import Span, Statement
from communique.syntax import governors, noun_phrase


def _char_span(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)


def _partners(token: Token) -> list[Token]:
    """The other side of an exchange: "with X", "between A and B"."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"with", "between", "to"}:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [pobj, *pobj.conjuncts]
    return found


class Exchanges:
    """Calls and talks mentioned in a document, with their participants."""

    def __init__(self, doc: Doc, resolver: SpeakerResolver) -> None:
        self.items: dict[int, set[str]] = {}  # token -> participants
        self._taking_part: dict[str, list[int]] = {}  # actor -> tokens, in order
        self.lead: set[str] = set()
        for token in doc:
            if channel_type(token) == "exchange" and token.pos_ in {"NOUN", "PROPN"}:
                people = _partners(token)
                verb = token.head
                while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                    verb = verb.head
                subject = cue_subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
                if subject is not None:
                    people += [subject, *subject.conjuncts]
                self._add(token.i, people, resolver)
            elif token.lemma_ in EXCHANGE_VERBS and token.pos_ == "VERB":
                people = _partners(token)
                subject = cue_subject(token)
                if people and subject is not None:
                    self._add(token.i, [subject, *subject.conjuncts, *people], resolver)
                if sentence(token).start == 0 and token.dep_ == "ROOT" and subject is not None:
                    # A lead like "X spoke with Y" frames the whole document as their exchange.
                    partners = people + [
                        p for c in token.children if c.dep_ == "dobj" for p in _partners(c)
                    ]
                    participants = {resolver.actor_at(t) for t in [subject, *partners]}
                    participants.discard(None)
                    if len(participants) == 2:
                        self.lead = participants  # type: ignore[assignment]

    def _add(self, token: int, people: list[Token], resolver: SpeakerResolver) -> None:
        actors = {resolver.actor_at(p) for p in people}
        actors.discard(None)
        self.add(token, actors)

    def add(self, token: int, actors: set[str | None]) -> None:
        known = self.items.setdefault(token, set())
        for actor in actors:
            if actor and actor not in known:
                known.add(actor)
                insort(self._taking_part.setdefault(actor, []), token)

    def partner(self, token: int, speaker: str) -> str | None:
        """The other participant of the exchange at ``token`` or the nearest before it that
        ``speaker`` took part in with one other."""
        tokens = self._taking_part.get(speaker, [])
        for n in range(bisect_right(tokens, token) - 1, -1, -1):
            actors = self.items[tokens[n]]
            if len(actors) == 2:
                return next(a for a in actors if a != speaker)
        return None


def _register_documents(doc: Doc, resolver: SpeakerResolver) -> None:
    for token in doc:
        if channel_type(token) == "document" and token.pos_ in {"NOUN", "PROPN"}:
            owner = resolver.document_owner(token)
            if owner:
                resolver.documents.add(token.i, _char_span(doc, noun_phrase(token)), owner)


def _order(frame: Frame, doc: Doc) -> int:
    positions = [frame.start]
    if frame.cue:
        positions.append(doc[frame.cue[0]].idx)
    return min(positions)


def _content_spans(doc: Doc, frame: Frame) -> list[Span]:
    full = text(doc)
    spans = []
    for start, end in sorted(frame.content):
        while end > start and (full[end - 1] in ",;:" or full[end - 1].isspace()):
            end -= 1
        if end > start:
            spans.append(Span.of(full, start, end))
    return spans


def extract_statements(
    doc: Doc,
    doc_id: str,
    actors: ActorDirectory,
    frame_table: FrameTable,
    settings: AttributionSettings,
) -> list[Statement]:
    """All statements in a parsed document, in text order, their speakers and addressees
    among ``actors`` (the document's, from the actors stage); ``frame_table`` is the learned
    frame model's table, ``settings`` the component's."""
    qmap = QuoteMap(doc, document_quotes(doc))
    frames = find_frames(doc, qmap, frame_table, settings)
    frames += carried_frames(doc, frames, actors, settings.cue_confidence)
    frames.sort(key=lambda f: _order(f, doc))
    resolver = SpeakerResolver(
        doc,
        actors,
        quoted=lambda i: qmap.of_token[i] is not None,
        pronoun_window=settings.pronoun_window,
    )
    _register_documents(doc, resolver)
    exchanges = Exchanges(doc, resolver)
    items: list[Carried] = []
    for frame in frames:
        content = _content_spans(doc, frame)
        if content:
            statement = _statement(doc, doc_id, frame, content, resolver, exchanges, settings)
            items.append(Carried(statement, frame, anchor_of(doc, frame)))
    carriers = link_carriers(doc, items)
    # In text order; a carrier before the statements it carries when both start together.
    items.sort(key=lambda c: (c.statement.start, id(c.statement) in carriers))
    for n, item in enumerate(items, 1):
        item.statement.id = f"{doc_id}:s{n}"
    for item in items:
        carrier = carriers.get(id(item.statement))
        item.statement.parent = carrier.statement.id if carrier else None
    statements = [item.statement for item in items]
    carry_on(statements)
    readout = recognise(doc, statements, actors)
    if readout is not None:
        carry(statements, readout)
        continue_voice(doc, statements, readout, actors)
    find_omissions(doc, doc_id, resolver)
    return statements


def find_frames(
    doc: Doc, qmap: QuoteMap, frame_table: FrameTable, settings: AttributionSettings
) -> list[Frame]:
    """The document's frames of the four shapes (see ``frames``), in text order."""
    frames = cue_frames(doc, qmap, settings.cue_confidence)
    frames += learned_frames(doc, qmap, frames, frame_table, settings)
    frames += dash_frames(doc, qmap, settings.dash_confidence)
    follow_on_quotes(doc, frames, qmap)
    frames += quote_paragraphs(doc, frames, qmap, settings.dash_confidence)
    frames += according_frames(doc, frames, settings.according_confidence)
    frames.sort(key=lambda f: _order(f, doc))
    return frames


def _statement(
    doc: Doc,
    doc_id: str,
    frame: Frame,
    content: list[Span],
    resolver: SpeakerResolver,
    exchanges: Exchanges,
    settings: AttributionSettings,
) -> Statement:
    """A frame's statement, its speaker and addressee resolved; what it says of exchanges,
    documents and speakers is remembered for the statements after it."""
    speaker, antecedent = resolver.source(frame.source) if frame.source else (None, None)
    via = frame.via if antecedent is None else frame.via or antecedent
    confidence = frame.confidence
    if antecedent is not None:  # "the statement read": its speaker is an earlier document's
        confidence -= settings.antecedent_penalty
    if speaker is None:
        confidence -= settings.unresolved_penalty
    anchor = frame.cue[0] if frame.cue else (frame.source[0] if frame.source else 0)
    paragraph = resolver.paragraph(anchor)
    addressee = _addressee(frame, speaker, paragraph, resolver, exchanges, settings)
    _note_exchange(doc, frame, {speaker, addressee}, exchanges)
    if via is not None and frame.via_type == "document" and speaker:
        head = doc.char_span(*via, alignment_mode="expand")
        if head is not None:
            resolver.documents.add(head.root.i, via, speaker)
    resolver.said.append(Said(speaker, addressee, paragraph))
    full = text(doc)
    # "the statement read", "a Kremlin statement said": the document's own party carries it.
    own = antecedent is not None or document_source(doc, frame)
    carrier = speaker if own else _document_of(doc, frame, speaker, resolver)
    cue = None
    if frame.cue:
        first, last = doc[frame.cue[0]], doc[frame.cue[-1]]
        cue = Span.of(full, first.idx, last.idx + len(last.text))
    return Statement(
        id="",
        doc_id=doc_id,
        kind=frame.kind,
        cue=cue,
        content=content,
        source=Span.of(full, *_char_span(doc, frame.source)) if frame.source else None,
        speaker=speaker,
        addressee=addressee,
        via=Span.of(full, *via) if via else None,
        confidence=max(settings.min_confidence, min(1.0, confidence)),
        cue_class=statement_class(doc[frame.cue[0]] if frame.cue else None, frame.cue_class),
        via_actor=carrier,
    )


def _document_of(
    doc: Doc, frame: Frame, speaker: str | None, resolver: SpeakerResolver
) -> str | None:
    """The party whose document a statement came through: its owner ("the State Department's
    readout", "a statement from the ministry", "a Kremlin statement"), else the unnamed body of
    the speaker's country ("according to a ministry statement"), else the speaker's own ("X
    said in a statement"); a government body named as the channel ("according to his
    ministry"); None for a medium or an occasion."""
    if frame.via is None:
        return None
    head = doc.char_span(*frame.via, alignment_mode="expand")
    if head is None:
        return None
    root = head.root
    if frame.via_type == "source" and (root.pos_ == "PROPN" or agency_in(head) is not None):
        # "according to TASS", "quoted by the Interfax news agency": the party named
        carrier, _ = resolver.source((head.start, head.end))
        return carrier if carrier != speaker else None
    if frame.via_type != "document":
        # "according to his ministry": the body itself
        return resolver.institution_at(root, speaker) if root.pos_ == "NOUN" else None
    owner = resolver.document_owner(root) or resolver.institution_owner(root, speaker)
    if owner is None and not text(doc)[: frame.via[0]].rstrip().lower().endswith("according to"):
        owner = speaker
    return owner


def _addressee(
    frame: Frame,
    speaker: str | None,
    paragraph: int,
    resolver: SpeakerResolver,
    exchanges: Exchanges,
    settings: AttributionSettings,
) -> str | None:
    """Whom a statement is addressed to: the one the frame names, else the other side of
    the exchange it was made in, else (for "he added") that of the speaker's statement it
    continues, else the other side of the exchange the lead tells of; never the speaker."""
    addressee = resolver.addressee(frame.addressee) if frame.addressee is not None else None
    if addressee is None and speaker and frame.exchange is not None:
        addressee = exchanges.partner(frame.exchange, speaker)
    if addressee is None and speaker and frame.cue_class == "continuation":
        for said in reversed(resolver.said):
            if paragraph - said.paragraph > settings.continuation_window:
                break
            if said.speaker == speaker:
                addressee = said.addressee
                break
    if (
        addressee is None
        and speaker in exchanges.lead
        and frame.via_type not in {"occasion", "medium"}
    ):
        addressee = next(a for a in exchanges.lead if a != speaker)
    return None if addressee == speaker else addressee


def _note_exchange(doc: Doc, frame: Frame, parties: set[str | None], exchanges: Exchanges) -> None:
    """The speaker and addressee took part in the exchange the statement was made in ("in a
    call with ...")."""
    if frame.exchange is not None:
        exchanges.add(frame.exchange, parties)
    elif frame.cue:
        for governor in governors(doc[frame.cue[0]]):
            for child in governor.children:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if channel_type(pobj) == "exchange":
                        exchanges.add(pobj.i, parties)
