"""Find actor mentions in a parsed ``Doc``: names, gazetteer entries, descriptions.

A mention is a token span that refers to a person, organisation, state or
group. Three sources, in order of trust: the packaged gazetteer (countries,
capitals and seats of government, organisations), the model's named entities
(with a repair for person surnames the small model mislabels), and role
descriptions ("China's top diplomat", "the minister").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from communique.actors.gazetteer import Entry, Gazetteer, load_gazetteer
from communique.actors.headlines import Headlines, before_verb, common_nouns
from communique.positions import sentence

# Nouns that name a person by relation rather than office.
RELATIONAL_HEADS = frozenset({"counterpart", "colleague", "host", "guest", "deputy"})
# Entity labels whose inner gazetteer matches are not mentions ("the Beijing Winter Olympics").
_OPAQUE_LABELS = frozenset({"EVENT", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "PERSON"})
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
# Small words inside a title: "Minister of Foreign Affairs", "Minister for Defence".
_TITLE_LINKS = frozenset({"of", "for", "the", "and"})
# A one-letter name with a full stop: a middle initial ("Antony J. Blinken").
_INITIAL = re.compile(r"^[A-Z]\.$")
# Dependents that make a word a common noun's phrase ("The price", "oil price").
_NOUN_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod"})
_HONORIFICS = frozenset({"mr", "ms", "mrs", "miss", "dr", "sir", "dame", "mx"})
# Labels the small model gives to people's names by mistake.
_MISLABELLED = frozenset({"ORG", "FAC", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC"})


@dataclass(slots=True)
class Mention:
    """A token span ``[start, end)`` that refers to an actor."""

    start: int
    end: int
    kind: str  # "person" | "organization" | "state" | "group"
    # "gazetteer" | "name" | "description" | "title"; from later stages (``ActorDirectory``):
    # "demonym" | "coordination" | "later"
    source: str
    entry: Entry | None = None
    roles: list[str] = field(default_factory=list)
    role_classes: set[str] = field(default_factory=set)
    country: str | None = None
    sector: str | None = None
    indefinite: bool = False  # "a senior official": introduces a new referent
    head: int = -1
    titles: int | None = None  # for a title, the first token of the name it precedes

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@lru_cache(maxsize=4)
def _tokenizer(vocab: Vocab) -> Tokenizer:
    """A plain English tokenizer over ``vocab``, for the gazetteers' phrase patterns."""
    from spacy.lang.en import English

    return English(vocab=vocab).tokenizer


@lru_cache(maxsize=4)
def _places(vocab: Vocab) -> PhraseMatcher:
    """Names of places that hold another place's name ("New Mexico"), matched as written."""
    tokenizer = _tokenizer(vocab)
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add("place", [tokenizer(name) for name in sorted(load_gazetteer().places)])
    return matcher


@lru_cache(maxsize=4)
def _demonym_phrases(vocab: Vocab) -> PhraseMatcher:
    """Demonyms of more than one word ("South Korean", "Sri Lankan"), case-insensitive,
    labelled with their country's code."""
    tokenizer = _tokenizer(vocab)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for demonym, iso3 in load_gazetteer().demonyms.items():
        if len(pattern := tokenizer(demonym)) > 1:
            matcher.add(iso3, [pattern])
    return matcher


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, Entry]]:
    """Case-sensitive matcher for one-word names, case-insensitive for longer ones.

    One-word names are matched as written so that "US" never matches "us" and
    "Turkey" never matches "turkey".
    """
    tokenizer = _tokenizer(vocab)
    gaz = load_gazetteer()
    exact = PhraseMatcher(vocab, attr="ORTH")
    folded = PhraseMatcher(vocab, attr="LOWER")
    keys: dict[str, Entry] = {}
    for alias, entry in gaz.patterns:
        pattern = tokenizer(alias)
        key = f"{entry.key}|{alias}"
        keys[key] = entry
        if len(pattern) == 1:
            exact.add(key, [pattern])
            if alias.islower():
                exact.add(key, [tokenizer(alias.capitalize())])
        else:
            folded.add(key, [pattern])
    return exact, folded, keys


def _role_in(words: list[str], gaz: Gazetteer) -> list[str]:
    """The roles named in a run of lowercased words, longest first, no overlaps."""
    found: list[str] = []
    used = [False] * len(words)
    for size in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if any(used[i : i + size]):
                continue
            phrase = " ".join(words[i : i + size])
            if phrase in gaz.roles:
                found.append(phrase)
                for j in range(i, i + size):
                    used[j] = True
    return found


# What a sponsor does for an armed group it is not: "Iran-backed", "Russian-supported".
SPONSORED = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained", "allied"})


def sponsor(token: Token) -> bool:
    """Whether a token names the sponsor of what follows: "Iran" in "Iran-backed"."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].lower_ in SPONSORED
    )


# Words that make a demonym part of a wider region's name: "Inter-American", "Pan-African",
# "Latin American", "North American" are not American (of the United States).
_REGION_PREFIXES = frozenset({"inter", "pan", "trans", "intra"})
_REGION_WORDS = frozenset({"latin", "north", "south", "central"})


def demonym_country(token: Token) -> str | None:
    """The country a one-word demonym names ("Chinese" -> CHN); None for any other word, and
    for a demonym inside a wider region's name ("the Inter-American Commission", "Latin
    American leaders")."""
    demonyms = load_gazetteer().demonyms
    iso3 = demonyms.get(token.lower_)
    if iso3 is None:
        return None
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _REGION_PREFIXES:
        return None
    before = doc[i - 1].lower_ if i >= 1 else ""
    if before in _REGION_WORDS and f"{before} {token.lower_}" not in demonyms:
        return None
    return iso3


def _describe(tokens: list[Token], gaz: Gazetteer, states: dict[int, Entry]) -> Mention | None:
    """Role, class, sector and country of a title or description, if it names a role."""
    words = [t.lower_.replace("’", "'") for t in tokens]
    head = tokens[-1]
    # Only a role that heads the phrase describes it: not "ministry" in "a ministry statement".
    roles = [r for r in _role_in(words, gaz) if r.split()[-1] == words[-1]]
    relational = head.lemma_.lower() in RELATIONAL_HEADS
    if not roles and not relational:
        return None
    country = None
    for token in tokens:
        if sponsor(token):
            continue  # "Iran-backed militias" are not Iran's: a sponsor is not the actor
        if token.i in states and states[token.i].country:
            country = states[token.i].country
            break
        if demonym := demonym_country(token):
            country = demonym
            break
    mention = Mention(tokens[0].i, tokens[-1].i + 1, "person", "description")
    mention.roles = roles
    mention.role_classes = {gaz.roles[r].role_class for r in roles}
    sectors = [gaz.roles[r].sector for r in roles if gaz.roles[r].sector]
    mention.sector = sectors[0] if sectors else None
    mention.country = country
    mention.head = head.i
    if relational:
        mention.role_classes.add("relational")
    if head.tag_ in {"NNS", "NNPS"}:
        mention.kind = "group"
    elif any(gaz.roles[r].role_class == "institution" for r in roles):
        mention.kind = "organization"
    return mention


def _plain_name(ent: Span, gaz: Gazetteer, states: dict[int, Entry]) -> bool:
    """Two or three capitalised words, none of them organisational or a place."""
    return 1 <= len(ent) <= 3 and all(
        t.pos_ == "PROPN"
        and t.is_title
        and t.lower_ not in gaz.org_words
        and t.i not in states
        and t.lower_ not in gaz.demonyms
        for t in ent
    )


def _reads_as_person(ent: Span, gaz: Gazetteer, states: dict[int, Entry]) -> bool:
    """Whether an entity the model labelled otherwise is a person's name.

    The small model tags many names as ORG, FAC or GPE. A plain name is taken as a
    person's when the text says so: an age ("Blinken, 59,"), an honorific ("Mr
    Lavrov"), or an apposition naming a person's role ("Marek Dunleavy, the union's
    regional secretary"); or when it is the full name of a person the gazetteer knows.
    """
    if ent.label_ not in _MISLABELLED or not _plain_name(ent, gaz, states):
        return False
    if len(ent) > 1 and gaz.person(ent.text) is not None:
        return True  # a full name the persons gazetteer knows: "Antony Blinken" tagged FAC
    doc = ent.doc
    after = doc[ent.end : ent.end + 3]
    if len(after) >= 3 and after[0].text == "," and after[1].like_num and after[2].text == ",":
        return True
    if ent.start > 0:
        before = doc[ent.start - 1]
        if before.lower_.rstrip(".") in _HONORIFICS:
            return True
        role = gaz.roles.get(before.lower_)
        if role is not None and role.role_class != "institution":  # "spokeswoman Irina Volk"
            return True
    head = ent.root
    linked = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        linked.append(head.head)
    for token in linked:
        role = gaz.roles.get(token.lower_) or gaz.roles.get(token.lemma_.lower())
        if role is not None and role.role_class != "institution":
            return True
    return False


def _title_window(doc: Doc, start: int, limit: int) -> list[Token]:
    """Tokens before a name that read as its title: "Chinese Minister of Foreign Affairs"."""
    i = start
    while i > limit:
        token = doc[i - 1]
        if (
            token.pos_ in _TITLE_POS
            or token.tag_ == "POS"
            or (
                token.lower_ in {"of", "for", "-"}
                and i - 2 >= limit
                and doc[i - 2].pos_ in _TITLE_POS
            )
        ):
            i -= 1
        else:
            break
    while i < start and doc[i].pos_ not in _TITLE_POS:
        i += 1
    return list(doc[i:start])


def find_mentions(doc: Doc) -> list[Mention]:
    """All actor mentions in ``doc``, in text order, without overlaps."""
    gaz = load_gazetteer()
    ents = doc.ents
    gazetteer, states = _gazetteer_mentions(doc, ents)
    headlines = Headlines(doc)
    persons, name_parts = _person_names(ents, gaz, states, headlines)
    surnames = {doc[p.end - 1].lower_ for p in persons if p.end - p.start > 1}
    persons += _surnames(doc, name_parts, surnames, _tokens([*gazetteer, *persons]))
    titles = _titles(doc, persons, gaz, states)
    # A country inside the title is an attribute, not a separate mention.
    in_title = {i for t in titles if t.titles is not None for i in range(t.start, t.titles)}
    gazetteer = [m for m in gazetteer if m.start not in in_title]
    taken = _tokens([*gazetteer, *persons, *titles])
    organizations = _organizations(doc, ents, gaz, taken, headlines)
    descriptions = _descriptions(doc, gaz, states, taken | _tokens(organizations))
    # Mentions may nest: "China's top diplomat" holds the state mention "China".
    return sorted(
        [*gazetteer, *persons, *titles, *organizations, *descriptions],
        key=lambda m: (m.start, m.end),
    )


def _tokens(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def _gazetteer_mentions(doc: Doc, ents: tuple[Span, ...]) -> tuple[list[Mention], dict[int, Entry]]:
    """The gazetteer's entries named in ``doc`` (not inside an opaque entity: "the Beijing
    Winter Olympics", nor inside the name of another place: "New Mexico"), and the entry of
    each token they cover."""
    exact, folded, keys = _matchers(doc.vocab)
    places = [(s, e) for _, s, e in _places(doc.vocab)(doc)]
    # An entity's possessive ending is not part of its name ("Sri Lanka's" tagged PERSON).
    opaque = [e[:-1] if e[-1].tag_ == "POS" else e for e in ents if e.label_ in _OPAQUE_LABELS]
    opaque = [e for e in opaque if len(e) > 1]
    opaque_starts = [e.start for e in opaque]

    def inside_opaque(start: int, end: int) -> bool:
        # Entities do not overlap: only the last one starting at or before ``start`` can hold it.
        at = bisect_right(opaque_starts, start) - 1
        if at < 0:
            return False
        e = opaque[at]
        return end <= e.end and (e.end - e.start) > (end - start)

    def inside_place(start: int, end: int) -> bool:
        return any(s <= start and end <= e and e - s > end - start for s, e in places)

    matches = [
        (key, s, e)
        for key, s, e in [*exact(doc), *folded(doc)]
        if not inside_opaque(s, e) and not inside_place(s, e)
    ]
    spans = filter_spans([Span(doc, s, e, label=key) for key, s, e in matches])
    mentions: list[Mention] = []
    states: dict[int, Entry] = {}
    for span in spans:
        entry = keys[doc.vocab.strings[span.label]]
        mentions.append(
            Mention(
                span.start,
                span.end,
                entry.kind,
                "gazetteer",
                entry=entry,
                country=entry.country,
                sector=entry.sector,
                head=span.root.i,
            )
        )
        for token in span:
            states[token.i] = entry
    # A demonym of several words gives its words its country, as a one-word demonym does
    # ("the South Korean navy"), but no mention of its own.
    gaz = load_gazetteer()
    for iso3, start, end in _demonym_phrases(doc.vocab)(doc):
        code = doc.vocab.strings[iso3]
        if not any(i in states for i in range(start, end)):
            entry = Entry(code, gaz.country_name(code), "state", code)
            states.update(dict.fromkeys(range(start, end), entry))
    return mentions, states


def _person_names(
    ents: tuple[Span, ...], gaz: Gazetteer, states: dict[int, Entry], headlines: Headlines
) -> tuple[list[Mention], set[str]]:
    """The model's persons, and names it mislabelled that read as a person's; and the words
    of the full names among them."""
    persons: list[Mention] = []
    name_parts: set[str] = set()
    entities = [e for e in ents if e.label_ == "PERSON" or _reads_as_person(e, gaz, states)]
    surnames = {words[-1].text for e in entities if (words := _unglued(e, headlines))}
    persons_read = set(entities)
    entities += [
        e
        for e in ents
        if e.label_ in _MISLABELLED
        and e not in persons_read
        and len(e) > 1
        and e[-1].text in surnames
        and _plain_name(e, gaz, states)
    ]
    for ent in sorted(entities, key=lambda e: e.start):
        tokens = [t for t in _unglued(ent, headlines) if t.is_alpha or t.pos_ == "PROPN"]
        while tokens and (
            tokens[0].lower_ in gaz.roles or tokens[0].lower_.rstrip(".") in _HONORIFICS
        ):
            tokens = tokens[1:]
        tokens = [t for t in tokens if t.pos_ in {"PROPN", "NOUN", "ADJ"} or t.is_title]
        if not tokens or tokens[-1].i - tokens[0].i + 1 != len(tokens):
            continue
        tokens = _given_name_before(tokens, gaz, states)
        if all(t.i in states for t in tokens) or (
            len(tokens) == 1 and tokens[0].lower_ in gaz.demonyms
        ):
            continue  # a "person" the gazetteer knows as a place ("Sri Lanka") or a people
        persons.append(Mention(tokens[0].i, tokens[-1].i + 1, "person", "name", head=tokens[-1].i))
        if len(tokens) > 1:
            name_parts.update(t.lower_ for t in tokens)
    return persons, name_parts


def _given_name_before(
    tokens: list[Token], gaz: Gazetteer, states: dict[int, Entry]
) -> list[Token]:
    """A name the model cut at a middle initial ("Antony" + "J. Blinken"), whole again: the
    capitalised word before an initial, if it is a plain name word."""
    first = tokens[0]
    if not _INITIAL.match(first.text) or first.i == 0:
        return tokens
    before = first.doc[first.i - 1]
    word = before.lower_
    if before.ent_type_ or word in gaz.roles or word.rstrip(".") in _HONORIFICS:
        return tokens
    return [before, *tokens] if _plain_name(first.doc[before.i : first.i], gaz, states) else tokens


def _unglued(ent: Span, headlines: Headlines) -> list[Token]:
    """An entity's tokens; in a headline, only those before its verb ("Wang Yi Holds")."""
    return before_verb(list(ent)) if headlines.holds(ent) else list(ent)


def _surnames(doc: Doc, name_parts: set[str], surnames: set[str], taken: set[int]) -> list[Mention]:
    """The repair: words of a full name (``name_parts``, lowercased) the model did not take
    for a person where no other mention is (``taken``): "Wang" tagged ORG, "Ned price" in
    lower case, "Price said" with "Price" tagged a common noun."""
    taken = set(taken)
    found: list[Mention] = []
    for token in doc:
        if token.i in taken or not _starts_name(token, name_parts, surnames):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].lower_ in name_parts and end not in taken:
            end += 1
        found.append(Mention(token.i, end, "person", "name", head=end - 1))
        taken.update(range(token.i, end))
    return found


def _starts_name(token: Token, name_parts: set[str], surnames: set[str]) -> bool:
    """Whether a word of a full name written elsewhere names that person here: a proper noun,
    or a surname the model took for a common noun when it stands alone, capitalised, as a
    subject ("Price said"; not "price rises", nor "The Price index")."""
    if token.lower_ not in name_parts:
        return False
    if token.pos_ == "PROPN":
        return True
    return (
        token.lower_ in surnames
        and token.is_title
        and token.dep_ in {"nsubj", "nsubjpass"}
        and not any(c.dep_ in _NOUN_MODIFIERS for c in token.children)
    )


def _titles(
    doc: Doc, persons: list[Mention], gaz: Gazetteer, states: dict[int, Entry]
) -> list[Mention]:
    """The titles before named persons ("Chinese Minister of Foreign Affairs Wang Yi"); each
    teaches its person's roles and country."""
    titles: list[Mention] = []
    named = _tokens(persons)
    for person in persons:
        sent_start = sentence(doc[person.start]).start
        window = _title_window(doc, person.start, sent_start)
        title = _describe(window, gaz, states) if window else None
        if title:
            title = _coordinated(doc, title, sent_start, named, gaz, states)
            person.roles, person.role_classes = title.roles, title.role_classes
            person.country, person.sector = title.country, title.sector
            title.source, title.titles, title.kind = "title", person.start, "person"
            titles.append(title)
    return titles


def _coordinated(
    doc: Doc,
    title: Mention,
    limit: int,
    named: set[int],
    gaz: Gazetteer,
    states: dict[int, Entry],
) -> Mention:
    """A title joined by "and" to a capitalised title before it is one person's two offices:
    "State Councilor and Foreign Minister Wang Yi", "Deputy Prime Minister and Minister for
    Defence Richard Marles". Not across a name ("President Xi Jinping and Foreign Minister
    Wang Yi") nor from a lower-case description ("the president and Foreign Minister ...")."""
    conjunction = title.start - 1
    if conjunction <= limit or doc[conjunction].lower_ not in {"and", "&"}:
        return title
    if conjunction - 1 in named:
        return title
    window = _title_window(doc, conjunction, limit)
    first = _describe(window, gaz, states) if window else None
    if first is None or first.kind != "person" or not _capitalised(window):
        return title  # "Congress and President Obama": an institution is no title
    first.end, first.head = title.end, title.head
    first.roles = [*first.roles, *(r for r in title.roles if r not in first.roles)]
    first.role_classes |= title.role_classes
    first.country = first.country or title.country
    first.sector = title.sector or first.sector  # the office named next to the name
    return first


def _capitalised(tokens: list[Token]) -> bool:
    """Whether every word of a title is written with a capital, as titles before a name are
    ("State Councilor"), leaving out the small words of a title ("Minister for Defence")."""
    return all(
        t.is_title or t.is_upper for t in tokens if t.is_alpha and t.lower_ not in _TITLE_LINKS
    )


def _organizations(
    doc: Doc, ents: tuple[Span, ...], gaz: Gazetteer, taken: set[int], headlines: Headlines
) -> list[Mention]:
    """Organisations the model names and the gazetteer does not know, where no other mention
    is (``taken``); not common nouns a headline capitalised ("on the Phone")."""
    found: list[Mention] = []
    for ent in ents:
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        if ent.label_ != "ORG" or not tokens or any(t.i in taken for t in tokens):
            continue
        if headlines.holds(ent) and common_nouns(ent, headlines.lower_words):
            continue
        before = " ".join(t.lower_ for t in doc[max(0, ent.start - 3) : ent.end])
        if any(
            before.endswith(role)
            for role in (before, *before.split(" ", 1)[1:])
            if role in gaz.roles
        ):
            continue  # "State" in "Secretary of State" is part of a title
        found.append(
            Mention(tokens[0].i, tokens[-1].i + 1, "organization", "name", head=ent.root.i)
        )
    return found


def _descriptions(
    doc: Doc, gaz: Gazetteer, states: dict[int, Entry], taken: set[int]
) -> list[Mention]:
    """Noun phrases headed by a role ("China's top diplomat", "the president of Armenia")
    whose head no other mention holds (``taken``)."""
    found: list[Mention] = []
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.i in taken:
            continue
        mention = _describe([t for t in chunk if t.i <= head.i], gaz, states)
        if mention is None:
            continue
        mention.indefinite = chunk[0].lower_ in {"a", "an", "another", "one"}
        mention.start = chunk.start
        if mention.country is None:  # "the president of Armenia"
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    entry = states.get(pobj.i)
                    if entry is not None and entry.kind == "state":
                        mention.country = entry.country
        found.append(mention)
    return found
