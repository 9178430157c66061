"""Code a document's events: the parse's main events and the statements' verbal events, as
``Event`` records with actors, dates and evidence spans."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.actors import ActorDirectory
from communique.attribution import document_quotes
from communique.events.dates import Dated, event_date
from communique.events.initiative import mark_initiators
from communique.events.lexicon import contexts, word_lists
from communique.events.participants import Participants
from communique.events.triggers import Coded, Trigger, fallback, main_clause, main_events
from communique.events.verbal import Verbal, verbal_events
from communique.positions import sentence as sentence_of
from communique.positions import text as doc_text
from communique.positions import token_at
from communique.records import Event, Span, Statement


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span.of(doc_text(doc), start, end)


def _token_span(token: Token) -> Span:
    return _span(token.doc, token.idx, token.idx + len(token.text))


def _date_expression(doc: Doc, dated: Dated | None) -> Span | None:
    return _span(doc, dated.start, dated.end) if dated else None


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
    participants = Participants(doc, actors)
    told = _Told()
    near: list[Trigger] = []  # every candidate the model typed: a sentence's fallback
    for coded in main_events(doc, skip=_quoted_tokens(doc), near=near):
        event = _event(coded, doc_id, participants, published)
        if event is not None:
            _both_who_met(event, actors, told)
            told.add(event)
    for verbal in verbal_events(doc, statements):
        told.add(_verbal_event(verbal, doc_id, participants, published))
    coded_in = {_sentence_of(doc, e) for e in told.events}
    told_in_main = {
        _sentence_of(doc, e) for e in told.events if main_clause(token_at(doc, e.trigger.start))
    }
    missed: dict[int, list[Trigger]] = {}  # sentence -> its near misses
    for trigger in near:
        missed.setdefault(sentence_of(trigger.token).start, []).append(trigger)
    for start, candidates in missed.items():
        if start in told_in_main:
            continue
        if start in coded_in:
            # events told only in background clauses ("..., as rescuers searched for
            # survivors") leave the main clause to a likely candidate of the model
            candidates = [c for c in candidates if c.probability >= _BESIDE_BACKGROUND]
        for coded in fallback(candidates):
            event = _event(coded, doc_id, participants, published)
            if event is not None:
                told.add(event)
                break
    events = _without_protest_demands(doc, told.events)
    events.sort(key=lambda e: e.trigger.start)
    mark_initiators(doc, events, participants)
    for n, event in enumerate(events, 1):
        event.id = f"{doc_id}:e{n}"
    return events


class _Told:
    """The events told so far. The same act told twice ("spoke with", "the call with") is
    one event; what two statements say is two."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._seen: dict[tuple[str, frozenset[str], frozenset[str], str | None], Event] = {}

    def add(self, event: Event) -> None:
        key = (event.type, frozenset(event.actors), frozenset(event.recipients), event.statement_id)
        kept = self._seen.get(key)
        if kept is not None:
            if kept.date is None:
                kept.date, kept.date_expression = event.date, event.date_expression
            kept.mode = kept.mode or event.mode
            return
        self._seen[key] = event
        self.events.append(event)

    def last(self, type: str) -> Event | None:
        return next((e for e in reversed(self.events) if e.type == type), None)


def _quoted_tokens(doc: Doc) -> set[int]:
    """The tokens inside quotations: what is said there is coded as verbal events only."""
    return {
        t.i
        for q in document_quotes(doc)
        for s, e in q.fragments
        for t in doc.char_span(s, e, alignment_mode="expand") or ()
    }


def _both_who_met(event: Event, actors: ActorDirectory, told: _Told) -> None:
    """ "Both officials discussed ...": the actors are the two who last met."""
    both = [actors[a] for a in event.actors]
    if len(both) == 1 and both[0].name.lower().startswith("both ") and not both[0].members:
        met = told.last("CONSULT")
        if met is not None:
            event.actors = list(met.actors)


def _verbal_event(
    verbal: Verbal, doc_id: str, participants: Participants, published: str | None
) -> Event:
    """The event of a demand or reproach in a statement, from its speaker to the party the
    clause names itself, else to its addressee ("alarm over an invasion of Ukraine" is not
    directed at Ukraine)."""
    statement = verbal.statement
    dated = event_date(verbal.trigger, published)
    target = _named(verbal, participants)
    if not target and statement.addressee:
        target = [statement.addressee]
    return Event(
        id="",
        doc_id=doc_id,
        type=verbal.type,
        mode=verbal.mode,
        context=_contexts(list(sentence_of(verbal.trigger))),
        actors=[statement.speaker],
        recipients=target,
        date=dated.date if dated else None,
        negated=False,
        future=False,
        hypothetical=False,
        trigger=_token_span(verbal.trigger),
        evidence=_span(verbal.trigger.doc, statement.start, statement.end),
        statement_id=statement.id,
        date_expression=_date_expression(verbal.trigger.doc, dated),
    )


def _named(verbal: Verbal, participants: Participants) -> list[str]:
    """The parties the clause names itself ("Russia and Ukraine"), not the speaker."""
    if verbal.target is None:
        return []
    found = [participants.resolver.actor_at(t) for t in (verbal.target, *verbal.target.conjuncts)]
    return list(dict.fromkeys(a for a in found if a and a != verbal.statement.speaker))


def _without_protest_demands(doc: Doc, events: list[Event]) -> list[Event]:
    """The demands of a protest are its topic, not events of their own (manual, PROTEST)."""
    protests = {_sentence_of(doc, e) for e in events if e.type == "PROTEST"}
    return [e for e in events if not (e.type == "REQUEST" and _sentence_of(doc, e) in protests)]


def _sentence_of(doc: Doc, event: Event) -> int:
    return sentence_of(token_at(doc, event.trigger.start)).start


WORDS = word_lists()

# The model's probability at which its candidate in a sentence's main clause is an event
# although the sentence has events in its other clauses (chosen on the written validation
# halves; the fallback threshold holds where a sentence has none).
_BESIDE_BACKGROUND = 0.8

# Types whose act needs no other party (manual: a mobilisation, a protest); every other act
# the model adds must name one, or be done by two together ("began joint exercises").
_ONE_SIDED = frozenset({"MOBILIZE", "PROTEST"})


def _counted(head: Token) -> Token:
    """What a quantity or a collective is of: "revellers" in "hundreds of thousands of
    revellers", "locusts" in "swarms of desert locusts"."""
    while head.lower_ in WORDS["quantities"] or head.ent_type_ == "CARDINAL":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if counted is None:
            break
        head = counted
    return head


def _no_agent(head: Token) -> bool:
    """Whether an actor head is a natural hazard ("earthquake", "heavy rain", "lightning
    strikes"), a place ("the river provides water"), a figure or market that moves
    ("homicides rose", "shares rallied"), the players of a game ("India's cricketers crushed
    Pakistan") or people who forecast or celebrate: no actor acts."""
    head = _counted(head)
    words = {head.lemma_.lower(), head.lower_}
    hazard = words & WORDS["hazards"] or any(
        c.dep_ == "compound" and c.lower_ in WORDS["hazards"] for c in head.children
    )
    return bool(hazard or words & (WORDS["non_agents"] | WORDS["geography"]))


def _no_political_act(coded: Coded) -> bool:
    """A friendly act done by or to people on their own account ("welcomed 28 million
    tourists", "Chinese tourists returned"), or the sharing of what geography gives ("share
    the waters of the Nile"): no event between the parties."""
    if coded.type not in {"SUPPORT", "CONSULT", "COOPERATE", "AGREE"}:
        return False
    objects = [c for c in coded.trigger.children if c.dep_ == "dobj"]
    private = WORDS["private_people"]
    if any(o.lower_ in private for o in objects) or (
        coded.actor_heads and all(h.lower_ in private for h in coded.actor_heads)
    ):
        return True
    return (
        coded.type == "COOPERATE"
        and coded.trigger.lemma_.lower() == "share"
        and any(o.lower_ in WORDS["geography"] for o in objects)
    )  # "reopened their shared border" is an act


def _venue(coded: Coded, actors: Participants) -> str | None:
    """The one country the sentence places an act in: a place "in" or "at" which someone
    is ("talks with Brazil's president in Brasília"), or a place visited ("visiting La Paz",
    "a visit to Sanaa"); None when it names none, or places in two countries."""
    found = set()
    for token in coded.sentence:
        if token.dep_ == "pobj":
            prep = token.head
            where = prep.lower_ in {"in", "at"} or (
                prep.lower_ == "to" and prep.head.lemma_.lower() in WORDS["travel_words"]
            )
        else:
            where = token.dep_ == "dobj" and token.head.lemma_.lower() in WORDS["travel_words"]
        if where and (country := actors.place(token)):
            found.add(country)
    return next(iter(found)) if len(found) == 1 else None


def _hosted_elsewhere(venue: str | None, everyone: list[str], actors: Participants) -> bool:
    """Whether talks between parties of two or more countries are held in (``venue``) the
    country of none of them: a third party hosts them ("Ukrainian and Russian negotiators
    met in Istanbul": a group's members are its parties)."""
    codes: set[str | None] = set()
    for actor_id in everyone:
        members = actors.actors[actor_id].members
        codes |= {actors.actors[m].country for m in members} if members else {actors.code(actor_id)}
    return venue is not None and len(codes) > 1 and None not in codes and venue not in codes


def _spoke_to_no_one(
    coded: Coded, actor_ids: list[str], recipients: list[str], actors: Participants
) -> bool:
    """Whether "spoke" or "talked" names no one spoken with: a speech or an interview
    ("speaking on ABC's This Week") is no consultation, which takes two parties."""
    return (
        coded.type == "CONSULT"
        and coded.mode != "phone"  # "the two leaders spoke by phone"
        and coded.trigger.pos_ == "VERB"
        and coded.trigger.lemma_.lower() in {"speak", "talk"}
        and not recipients
        and len(actor_ids) < 2
        and not any(actors.actors[a].members for a in actor_ids)
    )


def _visitors_and_hosts(
    venue: str | None, everyone: list[str], actors: Participants
) -> tuple[list[str], list[str]]:
    """The parties of talks as (actors, recipients): those from elsewhere and those of the
    country the talks are held in (``venue``), when there are both; else everyone and no
    one."""
    if venue is None or len(everyone) < 2:
        return everyone, []
    hosts = [a for a in everyone if actors.code(a) == venue]
    visitors = [a for a in everyone if actors.code(a) not in {venue, None}]
    if not hosts or not visitors or len(hosts) + len(visitors) < len(everyone):
        return everyone, []
    return visitors, hosts


def _event(coded: Coded, doc_id: str, actors: Participants, published: str | None) -> Event | None:
    doc = coded.trigger.doc
    if coded.actor_heads and all(_no_agent(head) for head in coded.actor_heads):
        return None  # "an earthquake struck the coast", "heavy rain caused flooding, killing"
    if _no_political_act(coded):
        return None
    actor_ids = actors.all(coded.actor_heads)
    if coded.learned and all(actors.actors[a].sector == "BUS" for a in actor_ids):
        # a learned act needs a political actor: "heavy rain hit the coast" and "the company
        # moved its offices to Lisbon" are none
        return None
    if not actor_ids and coded.trigger.pos_ not in {"VERB", "AUX"}:
        # a nominal act needs someone doing it: "the talks" alone reports none; "a phone
        # call between Blinken and Lavrov" names both parties
        parties = actors.all(coded.recipient_heads) if coded.type == "CONSULT" else []
        if len(parties) < 2:
            return None
        actor_ids = parties
    recipients = actors.first(coded.recipient_heads, actor_ids)
    if _spoke_to_no_one(coded, actor_ids, recipients, actors):
        return None
    if (
        coded.learned
        and not recipients
        and len(actor_ids) < 2
        and not any(actors.actors[a].members for a in actor_ids)
        and coded.type not in _ONE_SIDED
    ):
        return None  # a learned act is between parties: "pushed the mound" is none; "Egyptian
        # and Saudi forces began exercises" is done by two
    mode = coded.mode
    if coded.type == "CONSULT" and coded.mode != "visit":
        # Talks without a host: everyone taking part is an actor; held in one side's
        # country, the others visit it: they are the actors, the hosts the recipients
        # (manual, CONSULT).
        everyone = list(dict.fromkeys([*actor_ids, *recipients]))
        venue = _venue(coded, actors)  # read once for hosts and for a third party
        actor_ids, recipients = _visitors_and_hosts(venue, everyone, actors)
        if recipients:
            mode = "visit"
        elif mode is None and _hosted_elsewhere(venue, everyone, actors):
            mode = "third-party"  # Ukraine and Russia in Istanbul (manual, CONSULT)
    sentence = coded.sentence
    dated = event_date(coded.anchor, published)
    return Event(
        id="",
        doc_id=doc_id,
        type=coded.type,
        mode=mode,
        context=_contexts(list(sentence)),
        actors=actor_ids,
        recipients=recipients,
        date=dated.date if dated else None,
        negated=coded.negated,
        future=coded.future,
        hypothetical=coded.hypothetical,
        trigger=_token_span(coded.trigger),
        evidence=_span(doc, sentence.start_char, sentence.end_char),
        statement_id=None,
        date_expression=_date_expression(doc, dated),
    )
