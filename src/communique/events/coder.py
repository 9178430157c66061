"""Code a document's events: the parse's main events and the statements' verbal events, as
``Event`` records with actors, dates and evidence spans."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.actors import ActorDirectory
from communique.attribution import document_quotes
from communique.events.coding import Coded, main_events
from communique.events.dates import event_date
from communique.events.lexicon import contexts
from communique.events.participants import Participants
from communique.events.verbal import verbal_events
from communique.positions import sentence as sentence_of
from communique.positions import text as doc_text
from communique.positions import token_at
from communique.records import Event, Span, Statement


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span.of(doc_text(doc), start, end)


def _token_span(token: Token) -> Span:
    return _span(token.doc, token.idx, token.idx + len(token.text))


def _contexts(sentence: list[Token]) -> list[str]:
    words = {t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence}
    text = " ".join(t.lower_ for t in sentence)
    found = []
    for name, cues in contexts():
        if any((" " in cue and cue in text) or cue in words for cue in cues):
            found.append(name)
    return found


def code_events(
    doc: Doc,
    doc_id: str,
    actors: ActorDirectory,
    statements: list[Statement],
    published: str | None = None,
) -> list[Event]:
    """The PLOVER events of a parsed document, with actors from ``actors`` (the document's,
    from the actors stage) and verbal events from ``statements``."""
    quoted = {
        t.i
        for q in document_quotes(doc)
        for s, e in q.fragments
        for t in doc.char_span(s, e, alignment_mode="expand") or ()
    }
    participants = Participants(doc, actors)
    events: list[Event] = []
    seen: dict[tuple[str, frozenset[str], frozenset[str], str | None], Event] = {}

    def add(event: Event) -> None:
        # The same act told twice ("spoke with", "the call with") is one event; what two
        # statements say is two.
        key = (event.type, frozenset(event.actors), frozenset(event.recipients), event.statement_id)
        if key in seen:
            kept = seen[key]
            kept.date = kept.date or event.date
            kept.mode = kept.mode or event.mode
            return
        seen[key] = event
        events.append(event)

    for coded in main_events(doc, skip=quoted):
        event = _event(coded, doc_id, participants, published)
        if event is None:
            continue
        both = [actors[a] for a in event.actors]
        if len(both) == 1 and both[0].name.lower().startswith("both ") and not both[0].members:
            # "Both officials discussed ...": the two who last met.
            met = next((e for e in reversed(events) if e.type == "CONSULT"), None)
            if met is not None:
                event.actors = list(met.actors)
        add(event)
    for verbal in verbal_events(doc, statements):
        statement = verbal.statement
        # Only a party the clause names itself: "alarm over an invasion of Ukraine" is not
        # directed at Ukraine.
        named = participants.resolver.actor_at(verbal.target) if verbal.target is not None else None
        target = [named] if named and named != statement.speaker else []
        if not target and statement.addressee:
            target = [statement.addressee]
        sentence = list(sentence_of(verbal.trigger))
        add(
            Event(
                id="",
                doc_id=doc_id,
                type=verbal.type,
                mode=verbal.mode,
                context=_contexts(sentence),
                actors=[statement.speaker],
                recipients=target,
                date=event_date(verbal.trigger, published),
                negated=False,
                future=False,
                hypothetical=False,
                trigger=_token_span(verbal.trigger),
                evidence=_span(doc, statement.start, statement.end),
                statement_id=statement.id,
            )
        )
    # The demands of a protest are its topic, not events of their own (manual, PROTEST).
    protests = {_sentence_of(doc, e) for e in events if e.type == "PROTEST"}
    events = [e for e in events if not (e.type == "REQUEST" and _sentence_of(doc, e) in protests)]
    events.sort(key=lambda e: e.trigger.start)
    for n, event in enumerate(events, 1):
        event.id = f"{doc_id}:e{n}"
    return events


def _sentence_of(doc: Doc, event: Event) -> int:
    return sentence_of(token_at(doc, event.trigger.start)).start


def _event(coded: Coded, doc_id: str, actors: Participants, published: str | None) -> Event | None:
    doc = coded.trigger.doc
    actor_ids = actors.all(coded.actor_heads)
    if not actor_ids and coded.trigger.pos_ not in {"VERB", "AUX"}:
        return None  # a nominal act needs someone doing it: "the talks" alone reports none
    recipients = actors.first(coded.recipient_heads, actor_ids)
    if coded.type == "CONSULT" and coded.mode != "visit":
        # Talks without a host: everyone taking part is an actor (manual, CONSULT).
        actor_ids, recipients = list(dict.fromkeys([*actor_ids, *recipients])), []
    sentence = coded.sentence
    return Event(
        id="",
        doc_id=doc_id,
        type=coded.type,
        mode=coded.mode,
        context=_contexts(list(sentence)),
        actors=actor_ids,
        recipients=recipients,
        date=event_date(coded.anchor, published),
        negated=coded.negated,
        future=coded.future,
        hypothetical=coded.hypothetical,
        trigger=_token_span(coded.trigger),
        evidence=_span(doc, sentence.start_char, sentence.end_char),
        statement_id=None,
    )
