"""Who takes part in an event: tokens of the parse to actor ids of the document.

A phrase the actors stage does not know may still say whose it is ("Iraqi
Kurds", "Hungarian and Romanian officials", "security forces in Guinea");
such a phrase becomes a group actor with that country, or those countries as
members.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.actors import (
    ActorDirectory,
    demonym_country,
    large_city_country,
    load_gazetteer,
    place_country,
    sponsor,
)
from communique.attribution import SpeakerResolver
from communique.events.lexicon import things
from communique.positions import entities
from communique.syntax import noun_phrase


def _entity_text(token: Token) -> str:
    """The text of the entity a token is in, or the token's."""
    found = (e for e in entities(token.doc, token.i, token.i) if e.start <= token.i < e.end)
    return next((e.text for e in found), token.text)


class Participants:
    """Token -> actor ids, through the document's actors (see the module docstring)."""

    def __init__(self, doc: Doc, actors: ActorDirectory) -> None:
        self.doc = doc
        self.actors = actors
        self.resolver = SpeakerResolver(doc, actors)

    def _state(self, token: Token) -> str | None:
        actor = self.actors.get(self.resolver.actor_at(token))
        if actor is not None and actor.kind == "state":
            return actor.id
        demonym = demonym_country(token)
        if actor is not None and actor.kind == "organization" and actor.country != demonym:
            return None  # a word of a body's name: "the Organization of American States"
        if demonym is not None and (token.dep_ in {"amod", "compound", "conj"} or token.conjuncts):
            # "Egyptian and Saudi naval forces": each demonym names a state, though the
            # phrase is one actor; "clashes between Kyrgyz and Tajik border guards"
            return self._country_state(demonym, token)
        if actor is None and token.ent_type_ in {"GPE", "LOC", "NORP"}:
            # A province, region or city: "Sindh" (ISO 3166-2, via pycountry), "Aleppo"
            # (GeoNames).
            iso3 = place_country(_entity_text(token))
            if iso3:
                return self.actors.state(iso3, token.i)
        return None

    def _national(self, head: Token) -> list[str]:
        """State actors named by a phrase's modifiers, or else by its place ("in Guinea")."""
        modifiers = [
            c
            for c in head.children
            if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} and not sponsor(c)
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
                if prep.lower_ not in {"in", "from", "of", "for", "across", "throughout"}:
                    continue
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    both = [self._state(c) for c in pobj.conjuncts]
                    if both and all(both) and (first := self._state(pobj)):
                        return list(dict.fromkeys([first, *both]))  # "of Turkey and Azerbaijan"
                    found = self._state(pobj) or next(iter(self._national(pobj)), None)
                    if found is None and prep.lower_ == "of":
                        # "the government of President Prosper Avril": his country
                        owner = self.actors.get(self.resolver.actor_at(pobj))
                        if owner is not None and owner.country and owner.kind == "person":
                            found = self._country_state(owner.country, pobj)
                    if found:
                        return [found]
        return []

    def _country_state(self, iso3: str, token: Token) -> str | None:
        if len(iso3) != 3 or iso3 in {"IGO", "NGO", "IMG", "UNO", "EUR", "ISM", "MNC"}:
            return None
        return self.actors.state(iso3, token.i)

    def of(self, token: Token) -> str | None:
        found = self.resolver.actor_at(token)
        if found is None and token.pos_ == "NOUN" and token.i + 1 < len(token.doc):
            # a body's name after its kind, which the parser may not join to it: "withdrew
            # from the regional bloc ECOWAS" (ECOWAS read as a verb)
            named = self.actors.get(self.resolver.actor_at(token.doc[token.i + 1]))
            if named is not None and named.kind == "organization":
                found = named.id
        actor = self.actors.get(found)
        gaz = load_gazetteer()
        if actor is not None and actor.kind == "state" and token.lower_ in gaz.demonyms:
            # "Bosnian Serbs": the modifier places a people named by its demonym.
            states = self._national(token)
            if states:
                return states[0]
        if (
            actor is not None
            and actor.kind in {"person", "organization"}
            and not (actor.country or actor.roles)
        ):
            # the tagger reads many cities as persons or bodies ("shelled Kharkiv",
            # "attacked Goma", "bombed Mariupol")
            iso3 = large_city_country(actor.name)
            if iso3 is not None and (state := self._country_state(iso3, token)):
                return state
        if actor is not None:
            if actor.kind != "state" and (actor.country is None or actor.kind == "group"):
                states = self._national(token)
                if len(states) == 1:
                    self.actors.add_country(actor.id, states[0])
                elif len(states) > 1:
                    self.actors.add_members(actor.id, states)  # "Hungarian and Romanian officials"
                elif actor.country is None:
                    return self._body_of(token) or found
            return found
        states = self._national(token)
        if not states and token.lower_ in gaz.demonyms and (state := self._state(token)):
            states = [state]  # "between Kyrgyz and Tajik border guards": Kyrgyz ones
        if not states and token.pos_ == "PROPN":
            # a city the tagger calls a facility or names nothing ("shelled Kharkiv")
            iso3 = large_city_country(_entity_text(token))
            states = [s] if iso3 and (s := self._country_state(iso3, token)) else []
        if not states:
            return self.resolver.inner(token)
        start, end = noun_phrase(token, keep_appos=False)
        gaz = load_gazetteer()
        people = (
            token.lemma_.lower() in gaz.roles or token.tag_ in {"NNS", "NNPS"}
        ) and token.lower_ not in things()
        if len(states) == 1 and (end - start == 1 or not people):
            return states[0]  # "China's human rights record": China's
        return self.actors.group(states, start, end)  # "Iraqi Kurds": a people of one state

    def place(self, token: Token) -> str | None:
        """The country (ISO3) of the place a token names, if it names one: a state, a
        province or a city ("in Riyadh", "visiting La Paz"); None for anything else. Unlike
        ``of``, it adds no actor."""
        actor = self.actors.get(self.resolver.actor_at(token))
        if actor is not None:
            if actor.kind == "state":
                return actor.country
            if actor.country or actor.roles or actor.kind not in {"person", "organization"}:
                return None  # a body or an office: "the Algerian president"
        if token.ent_type_ in {"GPE", "LOC", "FAC"} or token.pos_ == "PROPN":
            text = _entity_text(token)
            entry = load_gazetteer().lookup(text)
            if entry is not None:
                return entry.country if entry.kind == "state" else None
            return place_country(text) or large_city_country(text)
        return None

    def _body_of(self, head: Token) -> str | None:
        """The organisation a group of people belongs to, when it has a code and they have
        none: "foreign ministers of the Association of Southeast Asian Nations" act for it."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                body = self.actors.get(self.resolver.actor_at(pobj))
                if body is not None and body.kind == "organization" and body.country:
                    return body.id
        return None

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
        coded = [ids for ids in found if any(self.code(i) for i in ids)]
        return (coded or found or [[]])[0]

    def code(self, actor_id: str) -> str | None:
        """An actor's country, or its first member's."""
        actor = self.actors[actor_id]
        if actor.members:
            return next((self.actors[m].country for m in actor.members), None)
        return actor.country
