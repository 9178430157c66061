"""Cluster mentions into one canonical ``Actor`` per person, organisation or state.

Rules, not a coreference model (none installs offline):

- states: every mention with the same ISO code ("the US", "Washington");
- organisations: the gazetteer's canonical name, else the name as written;
- persons: full names; a single name part ("Wang") joins the person whose name
  holds it, nearest before, else the first after; two full names with the same
  surname and initial are one person ("Sergei"/"Sergey Lavrov");
- descriptions ("China's top diplomat", "the minister"): the nearest person
  before, else the first after, whose country and role agree; indefinite ones
  ("a senior official") are new, unnamed actors.

Codes the text leaves empty come from the dictionaries (``codes``): the persons
gazetteer and the Phoenix dictionaries at the document's date, agent words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Entity

from communique.actors.codes import (
    Written,
    agent_sector,
    day_of,
    known_organization,
    known_person,
    written_names,
)
from communique.actors.gazetteer import load_gazetteer, place_country
from communique.actors.mentions import Mention, demonym_country, find_mentions, sponsor
from communique.actors.ministries import give_ministries_countries
from communique.positions import sentence
from communique.records import Actor, Span


@dataclass(slots=True)
class Placed:
    """A mention resolved to an actor."""

    mention: Mention
    actor_id: str

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    @property
    def head(self) -> int:
        """The mention's head token (-1 if it has none)."""
        return self.mention.head


class ActorIndex:
    """The actors of one document and where each is mentioned (token spans)."""

    def __init__(self, doc: Doc, doc_id: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.actors: dict[str, Actor] = {}
        self.placed: list[Placed] = []  # appended to by ``place``, reordered by ``sort_placed``
        self._order: list[str] = []
        # ``placed`` by start, last first (ties in ``placed`` order), and their negated starts;
        # None until ``before`` is first asked
        self._latest_first: list[Placed] | None = None
        self._latest_keys: list[int] = []
        # token -> the placed mentions holding it / starting at it (with their position in
        # ``placed``), each in ``placed`` order
        self._holding: dict[int, list[Placed]] = {}
        self._starting: dict[int, list[tuple[int, Placed]]] = {}
        # Actors by what they are looked up by (names, aliases and kinds only ever grow, and
        # a state keeps its country): the latest organisation with a word in its name or an
        # alias, the latest whose name ends with a word, the first state of each country.
        self._number: dict[str, int] = {}  # actor id -> its place in ``_order``
        self._organization_words: dict[str, str] = {}
        self._organization_last_words: dict[str, str] = {}
        self._states: dict[str, str] = {}

    # -- building -------------------------------------------------------------
    def new_actor(
        self, name: str, kind: str, country: str | None = None, sector: str | None = None
    ) -> Actor:
        actor = Actor(
            id=f"{self.doc_id}:a{len(self._order) + 1}",
            name=name,
            kind=kind,
            country=country,
            sector=sector,
        )
        self.actors[actor.id] = actor
        self._number[actor.id] = len(self._order)
        self._order.append(actor.id)
        if kind == "organization":
            self._organization_named(actor, name)
            for word in name.lower().split()[-1:]:
                self._organization_last_words[word] = actor.id
        self._state_of(actor)
        return actor

    def place(self, mention: Mention, actor: Actor, learn: bool = True) -> None:
        """Record that ``mention`` refers to ``actor``; learn its roles and country if
        ``learn`` (a weak match should not teach a person a country)."""
        placed = Placed(mention, actor.id)
        self._index(len(self.placed), placed)
        self.placed.append(placed)
        if self._latest_first is not None:
            # a new list, not an insertion: a caller may still be walking the old one
            at = bisect_right(self._latest_keys, -placed.start)
            self._latest_first = [*self._latest_first[:at], placed, *self._latest_first[at:]]
            self._latest_keys = [*self._latest_keys[:at], -placed.start, *self._latest_keys[at:]]
        span = mention.span(self.doc)
        text = span.text
        actor.mentions.append(Span(span.start_char, span.end_char, text))
        if text != actor.name and text not in actor.aliases:
            actor.aliases.append(text)
            if actor.kind == "organization":
                self._organization_named(actor, text)
        if not learn:
            return
        for role in mention.roles:
            if role not in actor.roles:
                actor.roles.append(role)
        if actor.country is None and mention.country:
            actor.country = mention.country
            self._state_of(actor)
        if actor.sector is None and mention.sector and actor.kind != "state":
            actor.sector = mention.sector

    def group(self, members: list[str], start: int, end: int) -> Actor:
        """A group actor for coordinated sources ("the US and its NATO allies")."""
        for _, placed in self._starting.get(start, ()):
            if placed.end == end:
                actor = self.actors[placed.actor_id]
                if actor.kind == "group":
                    return actor
        span = self.doc[start:end]
        actor = self.new_actor(span.text, "group")
        actor.members = list(dict.fromkeys(members))
        countries = {self.actors[m].country for m in actor.members}
        if len(countries) == 1:
            actor.country = countries.pop()
        self.place(Mention(start, end, "group", "coordination", head=span.root.i), actor)
        return actor

    def give_country(self, actor: Actor, state: Actor) -> None:
        """Give ``actor`` the country of ``state`` if it has none."""
        if actor.country is None:
            actor.country = state.country
            self._state_of(actor)

    def _organization_named(self, actor: Actor, name: str) -> None:
        for word in name.lower().replace("’", "'").split():
            latest = self._organization_words.get(word)
            if latest is None or self._number[latest] < self._number[actor.id]:
                self._organization_words[word] = actor.id

    def _state_of(self, actor: Actor) -> None:
        if actor.kind == "state" and actor.country:
            first = self._states.get(actor.country)
            if first is None or self._number[actor.id] < self._number[first]:
                self._states[actor.country] = actor.id

    def sort_placed(self) -> None:
        """Put ``placed`` in text order (by start, then end)."""
        self.placed.sort(key=lambda p: (p.start, p.end))
        self._latest_first = None
        self._holding, self._starting = {}, {}
        for n, placed in enumerate(self.placed):
            self._index(n, placed)

    def _index(self, n: int, placed: Placed) -> None:
        for i in range(placed.start, placed.end):
            self._holding.setdefault(i, []).append(placed)
        self._starting.setdefault(placed.start, []).append((n, placed))

    # -- lookups ----------------------------------------------------------------
    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def ordered(self) -> list[Actor]:
        """Actors in the order they were created: full names first, then the other mentions
        in the passes of ``resolve_actors``, then what later stages add."""
        return [self.actors[i] for i in self._order]

    def organization_with_word(self, word: str) -> Actor | None:
        """The latest organisation with ``word`` in its name or an alias (lowercased, "’" as
        "'")."""
        return self.get(self._organization_words.get(word))

    def organization_ending(self, word: str) -> Actor | None:
        """The latest organisation whose lowercased name ends with the word ``word``."""
        return self.get(self._organization_last_words.get(word))

    def state(self, iso3: str) -> Actor | None:
        """The first state actor of country ``iso3``."""
        return self.get(self._states.get(iso3))

    def at_token(self, i: int) -> Placed | None:
        """The innermost mention holding token ``i``, preferring one headed there."""
        best: Placed | None = None
        for placed in self._holding.get(i, ()):
            if placed.mention.head == i:
                return placed
            if best is None or (placed.end - placed.start) < (best.end - best.start):
                best = placed
        return best

    def in_span(self, start: int, end: int) -> list[Placed]:
        """The mentions inside tokens ``[start, end)``, in ``placed`` order."""
        inside = [
            (n, p)
            for i in range(start, end + 1)  # end too, for an empty mention there
            for n, p in self._starting.get(i, ())
            if p.end <= end
        ]
        return [p for _, p in sorted(inside, key=lambda item: item[0])]

    def before(self, i: int) -> Iterator[Placed]:
        """Mentions ending before token ``i``, nearest first (by start, latest first)."""
        if self._latest_first is None:
            self._latest_first = sorted(self.placed, key=lambda p: p.start, reverse=True)
            self._latest_keys = [-p.start for p in self._latest_first]
        latest_first = self._latest_first
        # those starting after ``i`` cannot end before it
        for n in range(bisect_left(self._latest_keys, -i), len(latest_first)):
            placed = latest_first[n]
            if placed.end <= i:
                yield placed


def _name_tokens(text: str) -> tuple[str, ...]:
    return tuple(text.replace("’", "'").split())


def _name_key(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words a full name is compared by: lowercased ("Ned price" is "Ned Price"), initials
    left out ("Antony J. Blinken", "J. Blinken" and "Antony Blinken" are one)."""
    words = tuple(t.lower() for t in tokens)
    return tuple(w for w in words if not _is_initial(w)) or words


def _is_initial(word: str) -> bool:
    """ "J." or "J": a letter standing for a name."""
    return len(word.rstrip(".")) == 1 and word[0].isalpha()


def _written_name(tokens: tuple[str, ...]) -> str:
    """A person's name as the record gives it: a surname written in lower case capitalised
    ("Ned price" -> "Ned Price"; particles inside a name, "von der", are left as written)."""
    last = tokens[-1]
    return " ".join([*tokens[:-1], last.capitalize() if last.islower() else last])


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Full names of one person (as ``_name_key`` gives them): one holds the other, or same
    surname and initial."""
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return a[-1] == b[-1] and a[0][0] == b[0][0]


# Title words: a person titled "Foreign Minister" is not then called "the secretary".
TITLE_HEADS = frozenset(
    {
        "minister",
        "secretary",
        "president",
        "premier",
        "chancellor",
        "ambassador",
        "envoy",
        "governor",
        "mayor",
        "senator",
        "general",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "king",
        "queen",
        "prince",
    }
)
# Classes a generic description covers: "the minister" may be any minister.
CLASS_FAMILIES = {
    "minister": {"minister", "diplomat", "defense", "interior", "finance"},
    "official": {
        "official",
        "minister",
        "diplomat",
        "defense",
        "interior",
        "finance",
        "spokesperson",
        "adviser",
        "head",
        "deputy",
        "local",
    },
}


def _classes(roles: Iterable[str]) -> set[str]:
    gaz = load_gazetteer()
    return {gaz.roles[r].role_class for r in roles if r in gaz.roles}


def _fit(description: Mention, actor: Actor, classes: set[str] | None = None) -> int:
    """How well a description fits a person; 0 means it cannot be them.

    Agreeing country and role count; a title of a different kind ("Foreign
    Minister" for "the secretary") counts against.
    """
    if actor.kind != "person":
        return 0
    if description.country and actor.country and description.country != actor.country:
        return 0
    country = int(bool(description.country and description.country == actor.country))
    wanted = classes if classes is not None else description.role_classes - {"relational"}
    if not actor.roles or not wanted:
        return 2 + country
    heads = {r.split()[-1] for r in description.roles}
    words = {w for role in actor.roles for w in role.split()}
    if heads & words:
        return 6 + country
    have = _classes(actor.roles)
    related = set().union(*(CLASS_FAMILIES.get(c, {c}) for c in wanted))
    related |= {c for c in have if wanted & CLASS_FAMILIES.get(c, {c})}
    if not have & related:
        return 0
    conflict = bool(heads & TITLE_HEADS) and bool(words & TITLE_HEADS)
    return (1 if conflict else 4) + country


class FullNames:
    """Persons by the words of their full names: a new full name is compared with those
    sharing a word with it, not with every person (``_same_person`` needs one in common)."""

    def __init__(self) -> None:
        self._names: list[tuple[tuple[str, ...], Actor]] = []
        self._by_word: dict[str, list[int]] = {}
        self._wordless: list[int] = []  # held by any name

    def add(self, tokens: tuple[str, ...], actor: Actor) -> None:
        for word in set(tokens):
            self._by_word.setdefault(word, []).append(len(self._names))
        if not tokens:
            self._wordless.append(len(self._names))
        self._names.append((tokens, actor))

    def same_person(self, tokens: tuple[str, ...]) -> Actor | None:
        """The first person added whose name ``_same_person`` takes for ``tokens``."""
        if not tokens:  # shares no word, yet holds and is held by any name
            numbers: Iterable[int] = range(len(self._names))
        else:
            numbers = sorted(
                {n for word in set(tokens) for n in self._by_word.get(word, ())}.union(
                    self._wordless
                )
            )
        for n in numbers:
            names, actor = self._names[n]
            if _same_person(names, tokens):
                return actor
        return None


_Entry = tuple[int, int]  # a person's mention: (start token, number in the order placed)


class People:
    """Where persons are mentioned, in the order placed: the antecedents of single names and
    descriptions, kept sorted by position, name word and actor so that a lookup does not
    walk every earlier mention. Persons are grouped by what ``_fit`` reads of them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors: list[Actor] = []  # by entry number
        self._sorted: list[_Entry] = []
        self._by_word: dict[str, list[_Entry]] = {}
        self._by_actor: dict[str, list[_Entry]] = {}
        self._subjects: dict[str, list[_Entry]] = {}  # by actor, those in subject position
        self._fitting: dict[tuple[object, ...], dict[str, Actor]] = {}
        self._signature: dict[str, tuple[object, ...]] = {}

    def add(self, start: int, actor: Actor) -> None:
        entry = (start, len(self.actors))
        self.actors.append(actor)
        insort(self._sorted, entry)
        for word in set(_name_key(_name_tokens(actor.name))):
            insort(self._by_word.setdefault(word, []), entry)
        insort(self._by_actor.setdefault(actor.id, []), entry)
        if _is_subject(self.doc, start):
            insort(self._subjects.setdefault(actor.id, []), entry)
        self.refresh(actor)

    def refresh(self, actor: Actor) -> None:
        """Regroup ``actor`` after its kind, country or roles may have changed."""
        signature = (actor.kind, actor.country, tuple(actor.roles))
        old = self._signature.get(actor.id)
        if old == signature:
            return
        if old is not None:
            del self._fitting[old][actor.id]
            if not self._fitting[old]:
                del self._fitting[old]
        self._signature[actor.id] = signature
        self._fitting.setdefault(signature, {})[actor.id] = actor

    def refresh_all(self) -> None:
        for actor in list(self.actors):
            self.refresh(actor)

    def named(self, word: str, start: int) -> Actor | None:
        """The person with ``word`` in their name (in any case) mentioned nearest before
        ``start``, else the first one mentioned."""
        entries = self._by_word.get(word.lower())
        if not entries:
            return None
        return self.actors[(_nearest_before(entries, start) or entries[0])[1]]

    def in_range(self, start: int, end: int) -> set[str]:
        """The persons mentioned in tokens ``[start, end)``."""
        lo, hi = bisect_left(self._sorted, (start,)), bisect_left(self._sorted, (end,))
        return {self.actors[n].id for _, n in self._sorted[lo:hi]}

    def last_subject_before(self, start: int) -> Actor | None:
        """The person mentioned last before ``start`` in a phrase hanging off its sentence's
        root (the subject, mostly); of several there, the first placed."""
        doc = self.doc
        for k in range(bisect_left(self._sorted, (start,)) - 1, -1, -1):
            s = self._sorted[k][0]
            if sentence(doc[s]).root.i in {t.head.i for t in doc[s : s + 4]}:
                return self.actors[self._sorted[bisect_left(self._sorted, (s,))][1]]
        return None

    def best_fit(self, mention: Mention, classes: set[str] | None, own: set[str]) -> Actor | None:
        """The person a description fits best, leaving out ``own``: of the best fitting, the
        one mentioned nearest before it, else the first after it, a subject first."""
        best, scored = 0, []
        for group in self._fitting.values():
            members = [a for a in group if a not in own]
            if members:
                score = _fit(mention, next(iter(group.values())), classes)
                best = max(best, score)
                scored.append((score, members))
        if best <= 0:
            return None
        candidates = [a for score, members in scored if score == best for a in members]
        earlier = [
            (entry[0], -entry[1])
            for a in candidates
            if (entry := _nearest_before(self._by_actor[a], mention.start)) is not None
        ]
        if earlier:
            return self.actors[-max(earlier)[1]]
        later = []
        for a in candidates:
            first = _first_after(self._by_actor[a], mention.start)
            if first is not None:
                later.append((not _is_subject(self.doc, first[0]), *first))
            subject = _first_after(self._subjects.get(a, []), mention.start)
            if subject is not None:
                later.append((False, *subject))
        return self.actors[min(later)[2]] if later else None


def _nearest_before(entries: list[_Entry], start: int) -> _Entry | None:
    """The entry nearest before ``start``; of several there, the first placed."""
    at = bisect_left(entries, (start,))
    if not at:
        return None
    return entries[bisect_left(entries, (entries[at - 1][0],))]


def _first_after(entries: list[_Entry], start: int) -> _Entry | None:
    """The first entry after ``start`` (by position, then as placed)."""
    at = bisect_left(entries, (start + 1,))
    return entries[at] if at < len(entries) else None


def resolve_actors(doc: Doc, doc_id: str, mentions: Iterable[Mention] | None = None) -> ActorIndex:
    """Build the ``ActorIndex`` of a parsed document, coding persons as they were on the day
    it was published (``doc._.published``, if set)."""
    index = ActorIndex(doc, doc_id)
    day = day_of(doc._.published) if Doc.has_extension("published") else None
    mentions = list(find_mentions(doc) if mentions is None else mentions)
    # Full names first, so that a surname used before the full name still joins it.
    _place_full_names(index, mentions)
    people = People(doc)
    for placed in index.placed:
        people.add(placed.start, index.actors[placed.actor_id])
    full_names = {p.start: index.actors[p.actor_id] for p in index.placed}
    deferred = _place_names(index, mentions, people)
    titles = {m.titles: m for m in mentions if m.source == "title" and m.titles is not None}
    placed = [(p.mention, p.actor_id) for p in index.placed]
    written = written_names(doc, placed, index.actors, titles)
    for actor in index.ordered():
        if actor.kind == "person":
            known_person(actor, day, written.get(actor.id) or Written())
    _place_titles(index, mentions, full_names)
    # Appositions first: they teach the roles other descriptions are matched on.
    deferred.sort(key=lambda m: not _appositive(doc, m))
    people.refresh_all()  # known persons learnt countries and roles
    for mention in deferred:
        _place_description(index, mention, people)

    index.sort_placed()
    for actor in index.actors.values():
        actor.mentions.sort(key=lambda m: (m.start, m.end))
    give_ministries_countries(index.ordered())
    for actor in index.ordered():
        known_organization(actor, day)
        agent_sector(actor)
    _sentence_countries(index)
    return index


_OPENING_QUOTES = frozenset({"“", "‘", "«"})
_CLOSING_QUOTES = frozenset({"”", "’", "»"})


def _quoted_tokens(doc: Doc) -> set[int]:
    """The tokens between quotation marks (straight quotes alternate), within a sentence."""
    quoted: set[int] = set()
    for part in doc.sents:
        inside = False
        for token in part:
            if token.text in _OPENING_QUOTES or (token.text == '"' and not inside):
                inside = True
            elif token.text in _CLOSING_QUOTES or token.text == '"':
                inside = False
            elif inside:
                quoted.add(token.i)
    return quoted


def _sentence_countries(index: ActorIndex) -> None:
    """An office or body the text gives no country ("the interior minister", "the health
    ministry", "the police") takes the one country the actors of its sentence have:
    "Hungarian opposition parties demanded the resignation of the interior minister". Only
    a mention naming a role: not a named person (a foreign commentator is named as often as
    a local one), nor one placed somewhere the gazetteer does not know ("a maternity
    hospital in Mariupol"); a sentence naming two countries gives none."""
    doc = index.doc
    countries = load_gazetteer().countries
    named: dict[int, set[str]] = {}  # sentence start -> the countries its actors have
    placed_at: set[int] = set()  # the tokens of those actors' mentions
    quoted = _quoted_tokens(doc)
    for placed in index.placed:
        country = index.actors[placed.actor_id].country
        if (
            country in countries
            and placed.start not in quoted  # not what someone says
            and not sponsor(doc[placed.start])  # nor the sponsor of "Iran-backed militias"
        ):
            named.setdefault(sentence(doc[placed.start]).start, set()).add(country)
            placed_at.update(range(placed.start, placed.end))
    ents = doc.ents  # built anew at each reading
    entity_at = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    for ent in ents:  # a city or province: "Dock workers in Antwerp"
        country = _place(ent)
        if (
            country
            and ent.start not in quoted
            and not sponsor(ent[-1])
            and not placed_at & set(range(ent.start, ent.end))
        ):
            named.setdefault(sentence(ent[0]).start, set()).add(country)
            placed_at.update(range(ent.start, ent.end))
    for placed in index.placed:
        actor = index.actors[placed.actor_id]
        if actor.country or not _names_a_role(doc, placed):
            continue
        head = doc[placed.head if placed.head >= 0 else placed.end - 1]
        own = _own_place(head, entity_at)
        if own is not None:  # "a special tribunal in Karachi", "authorities in Tamil Nadu"
            actor.country = own
            continue
        if any(t.ent_type_ in {"GPE", "LOC"} and t.i not in placed_at for t in head.subtree):
            continue  # in a place of its own, not known to be the sentence's country
        if _of_a_body(index, head, countries):
            continue  # "foreign ministers of ASEAN" act for it, whoever hosts them
        found = named.get(sentence(doc[placed.start]).start, set())
        if len(found) == 1:
            actor.country = next(iter(found))


def _of_a_body(index: ActorIndex, head: Token, countries: dict[str, str]) -> bool:
    """Whether people are "of" an organisation no one country owns: "foreign ministers of
    the Association of Southeast Asian Nations", "monitors of the OSCE"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                placed = index.at_token(pobj.i)
                body = index.actors[placed.actor_id] if placed is not None else None
                if body is not None and body.kind == "organization" and body.country:
                    return body.country not in countries
    return False


def _names_a_role(doc: Doc, placed: Placed) -> bool:
    """Whether a mention names a role or a body rather than someone: a description, a body
    the tagger took for a name though it is written in common nouns ("the health ministry"),
    or a named party, court or ministry ("the Candlelight Party", "the Constitutional
    Court": a country's own institutions)."""
    if placed.mention.source != "name":
        return bool(placed.mention.roles)
    words = [t for t in doc[placed.start : placed.end] if t.lower_ != "the"]
    role = load_gazetteer().roles.get(words[-1].lemma_.lower()) if words else None
    return role is not None and (all(t.is_lower for t in words) or role.role_class == "institution")


# Where a mention is: "police in Kampala", "a tribunal at Karachi", "students from Novi Sad".
_LOCATIVE = frozenset({"in", "at", "near", "from"})


def _place(ent: Entity) -> str | None:
    """The country of a city or province entity, or of a demonym ("the Mexican state of
    Guerrero"). The small model often tags a place after a preposition as ORG or FAC ("a
    tribunal in Karachi"): those count there too."""
    if ent.label_ == "NORP" and (country := load_gazetteer().demonyms.get(ent.text.lower())):
        return country
    if ent.label_ in {"GPE", "LOC", "NORP"} or (
        ent.label_ in {"ORG", "FAC"}
        and ent.root.dep_ == "pobj"
        and ent.root.head.lower_ in _LOCATIVE
    ):
        return place_country(ent.text)
    return None


def _own_place(head: Token, entity_at: dict[int, Entity]) -> str | None:
    """The country of the city or province a mention is placed in by a preposition on its
    head, if the gazetteer knows it (``entity_at``: the entity at each token)."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
            continue
        for obj in prep.children:
            ent = entity_at.get(obj.i) if obj.dep_ == "pobj" else None
            if ent is not None and ent.label_ not in {"PERSON", "DATE", "TIME", "CARDINAL"}:
                return place_country(ent.text)
    return None


def _full_name(mention: Mention) -> bool:
    return mention.source == "name" and mention.kind == "person" and mention.end - mention.start > 1


def _place_full_names(index: ActorIndex, mentions: list[Mention]) -> None:
    """One person per full name ("Sergei"/"Sergey Lavrov" are one: ``_same_person``)."""
    persons = FullNames()
    for mention in mentions:
        if _full_name(mention):
            tokens = _name_tokens(mention.span(index.doc).text)
            key = _name_key(tokens)
            actor = persons.same_person(key)
            if actor is None:
                actor = index.new_actor(_written_name(tokens), "person")
                persons.add(key, actor)
            index.place(mention, actor)


def _place_names(index: ActorIndex, mentions: list[Mention], people: People) -> list[Mention]:
    """Place the gazetteer's entries, organisations' names and single names; give back the
    mentions left for later (descriptions)."""
    doc = index.doc
    by_key: dict[str, Actor] = {}
    deferred: list[Mention] = []
    for mention in mentions:
        if mention.source == "title" or _full_name(mention):
            continue
        if mention.source == "gazetteer" and mention.entry is not None:
            entry = mention.entry
            actor = by_key.get(entry.key)
            if actor is None:
                actor = index.new_actor(
                    entry.name,
                    entry.kind,
                    entry.country,
                    entry.sector if entry.kind != "state" else None,
                )
                by_key[entry.key] = actor
            index.place(mention, actor)
        elif mention.source == "name" and mention.kind == "organization":
            text = mention.span(doc).text
            key = f"org:{text.lower()}"
            actor = by_key.get(key) or index.new_actor(
                text, "organization", _country_in(mention.span(doc))
            )
            by_key[key] = actor
            index.place(mention, actor)
        elif mention.source == "name":
            # A single name part joins the person whose name holds it.
            part = mention.span(doc).text
            actor = people.named(part, mention.start)
            if actor is None:
                actor = by_key.get(f"name:{part}") or index.new_actor(part, "person")
                by_key[f"name:{part}"] = actor
            index.place(mention, actor)
            people.add(mention.start, actor)
        else:
            deferred.append(mention)
    return deferred


def _place_titles(index: ActorIndex, mentions: list[Mention], full_names: dict[int, Actor]) -> None:
    """A title belongs to the name it precedes: "Russia's foreign minister Sergei Lavrov" (a
    full name first, else the first mention placed at the name's start)."""
    named = dict(full_names)
    for placed in list(index.placed):
        named.setdefault(placed.start, index.actors[placed.actor_id])
    for mention in mentions:
        if mention.source == "title" and mention.titles in named:
            index.place(mention, named[mention.titles], learn=False)


def _country_in(tokens: Iterable[Token]) -> str | None:
    """The country a name carries: "Nigerian Union of Teachers", "Kenya Anti-Corruption ..."."""
    gaz = load_gazetteer()
    for token in tokens:
        iso3 = demonym_country(token)
        entry = gaz.lookup(token.text)
        if iso3:
            return iso3
        if entry is not None and entry.kind == "state":
            return entry.country
    return None


def _is_subject(doc: Doc, start: int) -> bool:
    """Whether the name starting at token ``start`` is a clause's subject."""
    for token in doc[start : start + 4]:
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.i >= start:
            return True
        if token.dep_ not in {"compound", "flat", "nmod"}:
            break
    return False


def _appositive(doc: Doc, mention: Mention) -> bool:
    head = doc[mention.head]
    return head.dep_ == "appos" or any(c.dep_ == "appos" for c in head.children)


def _place_description(index: ActorIndex, mention: Mention, people: People) -> None:
    doc = index.doc
    text = mention.span(doc).text
    # An apposition names the person: "Antony Blinken, the US secretary of state".
    head = doc[mention.head]
    linked = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        linked.append(head.head)
    for token in linked:
        placed = index.at_token(token.i)
        if placed is not None and index.actors[placed.actor_id].kind == "person":
            index.place(mention, index.actors[placed.actor_id])
            people.add(mention.start, index.actors[placed.actor_id])
            return
    if mention.kind == "person" and not mention.indefinite:
        classes = None
        own: set[str] = set()
        if "relational" in mention.role_classes:
            # "his US counterpart": someone else, of the same standing as the sentence's subject.
            sent = sentence(doc[mention.start])
            own = people.in_range(sent.start, mention.start)
            if not own:  # "He reminded his counterpart": he is the last subject before
                subject = people.last_subject_before(sent.start)
                own = {subject.id} if subject is not None else set()
            classes = set().union(*(_classes(index.actors[a].roles) for a in own))
        # Looking ahead ("China's top diplomat ... Wang Yi said"), prefer a subject.
        chosen = people.best_fit(mention, classes, own)
        if chosen is not None:
            index.place(mention, chosen)
            people.add(mention.start, chosen)
            return
    if mention.kind == "organization" and not mention.indefinite:
        # "the ministry", "the council": the latest organisation named with that word.
        organization = index.organization_with_word(head.lower_)
        if organization is not None:
            index.place(mention, organization)
            return
    first = text.split(" ", 1)
    name = first[1] if len(first) > 1 and first[0].lower() in {"the", "a", "an"} else text
    actor = index.new_actor(name, mention.kind, mention.country, mention.sector)
    index.place(mention, actor)
    if mention.kind == "person":
        people.add(mention.start, actor)
