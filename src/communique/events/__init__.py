"""Events: PLOVER 2.0 records of who did what to whom, with evidence spans."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.actors import ActorIndex
from communique.actors.gazetteer import load_gazetteer, subdivisions
from communique.attribution.quotes import find_quotes
from communique.attribution.speakers import SpeakerResolver
from communique.attribution.syntax import noun_phrase
from communique.events.coding import Coded, main_events
from communique.events.dates import event_date
from communique.events.lexicon import contexts
from communique.events.statements import verbal_events
from communique.positions import text as doc_text
from communique.positions import token_at
from communique.records import Event, Span, Statement

__all__ = ["code_events"]


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


class _Actors:
    """Token -> actor ids, through the document's actor index.

    A phrase the index does not know may still say whose it is: "Iraqi Kurds",
    "Hungarian and Romanian officials", "security forces in Guinea". Such a phrase
    becomes a group actor with that country (or those countries, as members).
    """

    def __init__(self, doc: Doc, index: ActorIndex) -> None:
        self.doc = doc
        self.index = index
        self.resolver = SpeakerResolver(doc, index)

    def _state(self, token: Token) -> str | None:
        actor = self.index.get(self.resolver.actor_at(token))
        if actor is not None and actor.kind == "state":
            return actor.id
        if actor is None and token.ent_type_ in {"GPE", "LOC"}:
            # A province or region: "Sindh", "Kerala" (ISO 3166-2, via pycountry).
            ent = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            iso3 = subdivisions().get(ent.text.lower().removeprefix("the "))
            if iso3:
                return self.resolver.state(iso3, token)
        return None

    def _national(self, head: Token) -> list[str]:
        """State actors named by a phrase's modifiers, or else by its place ("in Guinea")."""
        modifiers = [
            c for c in head.children if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}
        ]
        modifiers += [c for m in modifiers for c in m.conjuncts]
        states = [s for s in (self._state(m) for m in modifiers) if s]
        if states:
            return list(dict.fromkeys(states))
        for child in head.children:
            preps = (
                [child]
                if child.dep_ == "prep"
                else [p for p in child.children if child.dep_ == "acl" and p.dep_ == "prep"]
            )
            for prep in preps:
                if prep.lower_ not in {"in", "from", "of"}:
                    continue
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = self._state(pobj) or next(iter(self._national(pobj)), None)
                    if found is None and prep.lower_ == "of":
                        # "the government of President Prosper Avril": his country
                        owner = self.index.get(self.resolver.actor_at(pobj))
                        if owner is not None and owner.country and owner.kind == "person":
                            found = self._country_state(owner.country, pobj)
                    if found:
                        return [found]
        return []

    def _country_state(self, iso3: str, token: Token) -> str | None:
        if len(iso3) != 3 or iso3 in {"IGO", "NGO", "IMG", "UNO", "EUR", "ISM", "MNC"}:
            return None
        return self.resolver.state(iso3, token)

    def of(self, token: Token) -> str | None:
        found = self.resolver.actor_at(token)
        actor = self.index.get(found)
        gaz = load_gazetteer()
        if actor is not None and actor.kind == "state" and token.lower_ in gaz.demonyms:
            # "Bosnian Serbs": the modifier places a people named by its demonym.
            states = self._national(token)
            if states:
                return states[0]
        if actor is not None:
            if actor.kind != "state" and (actor.country is None or actor.kind == "group"):
                states = self._national(token)
                if len(states) == 1 and actor.country is None:
                    actor.country = self.index.actors[states[0]].country
                elif len(states) > 1 and actor.kind == "group" and not actor.members:
                    actor.members = states  # "Hungarian and Romanian officials"
            return found
        states = self._national(token)
        if not states:
            return self.resolver.inner(token)
        start, end = noun_phrase(token, keep_appos=False)
        gaz = load_gazetteer()
        people = token.lemma_.lower() in gaz.roles or token.tag_ in {"NNS", "NNPS"}
        if len(states) == 1 and (end - start == 1 or not people):
            return states[0]  # "China's human rights record": China's
        group = self.index.group(states, start, end)
        if len(states) == 1:
            group.members = []
            group.country = self.index.actors[states[0]].country
        return group.id

    def all(self, heads: list[Token]) -> list[str]:
        ids: list[str] = []
        for head in heads:
            actor = self.of(head)
            if actor and actor not in ids:
                ids.append(actor)
        return ids

    def first(self, heads: list[Token], exclude: list[str]) -> list[str]:
        """The first candidate that is an actor (with its conjuncts), preferring one whose
        country is known."""
        found: list[list[str]] = []
        for head in heads:
            actor = self.of(head)
            if actor and actor not in exclude:
                conjuncts = [self.of(c) for c in head.conjuncts]
                found.append(
                    [actor, *(c for c in conjuncts if c and c not in exclude and c != actor)]
                )
        coded = [ids for ids in found if any(self._code(i) for i in ids)]
        return (coded or found or [[]])[0]

    def _code(self, actor_id: str) -> str | None:
        actor = self.index.actors[actor_id]
        if actor.members:
            return next((self.index.actors[m].country for m in actor.members), None)
        return actor.country


def code_events(
    doc: Doc,
    doc_id: str,
    index: ActorIndex,
    statements: list[Statement],
    published: str | None = None,
) -> list[Event]:
    """The PLOVER events of a parsed document, with actors from ``index``."""
    text = doc_text(doc)
    quoted = {
        t.i
        for q in find_quotes(text)
        for s, e in q.fragments
        for t in doc.char_span(s, e, alignment_mode="expand") or ()
    }
    actors = _Actors(doc, index)
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
        event = _event(coded, doc_id, actors, published)
        if event is None:
            continue
        both = [index.actors[a] for a in event.actors]
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
        named = actors.resolver.actor_at(verbal.target) if verbal.target is not None else None
        target = [named] if named and named != statement.speaker else []
        if not target and statement.addressee:
            target = [statement.addressee]
        sentence = list(verbal.trigger.sent)
        start = min(s.start for s in statement.content)
        end = max(s.end for s in statement.content)
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
                evidence=_span(doc, start, end),
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
    return token_at(doc, event.trigger.start).sent.start


def _event(coded: Coded, doc_id: str, actors: _Actors, published: str | None) -> Event | None:
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
