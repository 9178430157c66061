"""Resolve a frame's source and addressee to actors, by rules over the parse.

- a named or described source is the actor its mention resolved to;
- "he"/"she": a person in the same sentence before the pronoun, else the
  subject of the sentence before, else the speaker of a statement in the last
  ``pronoun_window`` paragraphs, else the nearest person in subject position;
- "the statement read": whoever issued the nearest document mentioned before
  (its possessor, "The state department's readout", or the speaker whose
  channel it was, "X said in a statement");
- coordinated sources ("the US and its NATO allies") become a group actor.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from communique.actors import ActorDirectory, Placed, demonym_country
from communique.attribution.institutions import agency, agency_in, named_body
from communique.attribution.lexicon import channel_type
from communique.attribution.settings import DEFAULT
from communique.positions import paragraph, sentence
from communique.syntax import noun_phrase

_ISSUE_VERBS = frozenset(
    {
        "issue",
        "release",
        "publish",
        "post",
        "send",
        "circulate",
        "put",
        "distribute",
        "make",
        "give",
    }
)
_MALE = frozenset({"he", "him", "his"})
_FEMALE = frozenset({"she", "her", "hers"})
_PLURAL = frozenset({"they", "them", "it", "we", "its", "their"})


@dataclass(slots=True)
class Said:
    """What a resolved statement leaves for the ones after it."""

    speaker: str | None
    addressee: str | None
    paragraph: int


@dataclass(slots=True)
class Documents:
    """Documents mentioned so far, with who issued them: antecedents for "the statement"."""

    items: list[tuple[int, tuple[int, int], str | None]] = field(default_factory=list)
    # (token, number in ``items``) of those whose owner is known, in order
    _owned: list[tuple[int, int]] = field(default_factory=list, init=False, repr=False)

    def add(self, token: int, span: tuple[int, int], owner: str | None) -> None:
        if owner:
            insort(self._owned, (token, len(self.items)))
        self.items.append((token, span, owner))

    def before(self, token: int) -> tuple[tuple[int, int], str | None] | None:
        """The nearest document before ``token`` whose owner is known (of several at one
        token, the first added)."""
        at = bisect_left(self._owned, (token,))
        if not at:
            return None
        nearest = self._owned[bisect_left(self._owned, (self._owned[at - 1][0],))]
        _, span, owner = self.items[nearest[1]]
        return span, owner


# Words of a noun phrase that are not part of a body's name: "the", "his", "'s".
_NOT_NAME = frozenset({"det", "case", "poss", "punct"})


class SpeakerResolver:
    """Resolves sources and addressees in text order, remembering what was said."""

    def __init__(
        self,
        doc: Doc,
        actors: ActorDirectory,
        quoted: Callable[[int], bool] = lambda i: False,
        pronoun_window: int = DEFAULT.pronoun_window,
    ) -> None:
        self.doc = doc
        self.actors = actors
        self.quoted = quoted
        self.pronoun_window = pronoun_window
        self.said: list[Said] = []  # only ever appended to
        self._said_furthest: list[int] = []  # the highest paragraph in ``said[: n + 1]``
        self.gender: dict[str, str] = actors.genders()  # pronouns teach more
        self.documents = Documents()

    # -- genders ---------------------------------------------------------------------------
    def _fits(self, actor_id: str, pronoun: str) -> bool:
        actor = self.actors.get(actor_id)
        if actor is None:
            return False
        if pronoun in {"it", "its"}:
            return actor.kind in {"organization", "state"}
        if pronoun in _PLURAL:
            return actor.kind != "person"
        if actor.kind != "person":
            return False
        gender = self.gender.get(actor_id)
        return gender is None or gender == ("f" if pronoun in _FEMALE else "m")

    # -- sources ---------------------------------------------------------------------------
    def paragraph(self, token: int) -> int:
        return paragraph(self.doc, self.doc[token].idx)

    def pronoun(self, token: Token) -> str | None:
        """The actor a pronoun source refers to (see the module docstring)."""
        word = token.lower_
        sent = sentence(token)
        previous = sentence(self.doc[sent.start - 1]) if sent.start > 0 else None
        in_sentence = []
        for placed in self._mentions_before(token.i):
            if placed.start < sent.start:
                break
            if self._fits(placed.actor_id, word):
                in_sentence.append(placed)
        if in_sentence:
            # A subject before the pronoun first: "Rebels rejected a Senegalese plan, and said
            # they ...".
            subjects = [p for p in in_sentence if self.doc[p.head].dep_ in {"nsubj", "nsubjpass"}]
            return self._remember((subjects or in_sentence)[0].actor_id, word)
        if previous is not None:
            # The subject of the sentence before: "Zakharova was speaking. ... she said".
            for placed in self._mentions_before(sent.start):
                if placed.start < previous.start:
                    break
                head = self.doc[placed.head]
                if head.dep_ in {"nsubj", "nsubjpass"} and self._fits(placed.actor_id, word):
                    return self._remember(placed.actor_id, word)
        paragraph = self.paragraph(token.i)
        furthest = self._said_furthest
        for said in self.said[len(furthest) :]:
            furthest.append(max(furthest[-1], said.paragraph) if furthest else said.paragraph)
        for n in range(len(self.said) - 1, -1, -1):
            if furthest[n] < paragraph - self.pronoun_window:
                break  # nothing said this far back is in the window
            said = self.said[n]
            if (
                said.speaker
                and paragraph - said.paragraph <= self.pronoun_window
                and self._fits(said.speaker, word)
            ):
                return self._remember(said.speaker, word)
        fallback = None
        for placed in self._mentions_before(token.i):
            if not self._fits(placed.actor_id, word):
                continue
            head = self.doc[placed.head] if placed.head >= 0 else None
            if head is not None and head.dep_ in {"nsubj", "nsubjpass"}:
                return self._remember(placed.actor_id, word)
            fallback = fallback or placed.actor_id
        return self._remember(fallback, word) if fallback else None

    def _mentions_before(self, i: int) -> Iterator[Placed]:
        """Mentions before token ``i``, nearest first, leaving out those inside quotations:
        whoever is named in a quote is not the one quoted."""
        for placed in self.actors.before(i):
            if not self.quoted(placed.head):
                yield placed

    def _remember(self, actor_id: str | None, pronoun: str) -> str | None:
        if actor_id and pronoun in _MALE | _FEMALE:
            self.gender.setdefault(actor_id, "f" if pronoun in _FEMALE else "m")
        return actor_id

    def document_owner(self, head: Token) -> str | None:
        """Who issued a document: "the State Department's readout", "a White House readout"."""
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ in {"compound", "amod", "nmod"}):
                actor = self.actor_at(child)
                if actor:
                    return actor
            if child.dep_ == "prep" and child.lower_ in {"from", "of", "by"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    actor = self.actor_at(pobj)
                    if actor:
                        return actor
        # "The Kremlin issued a statement": the subject of issuing it.
        if head.dep_ in {"dobj", "nsubjpass"} and head.head.lemma_ in _ISSUE_VERBS:
            verb = head.head
            issuer = [c for c in verb.children if c.dep_ == "nsubj"] or [
                p for a in verb.children if a.dep_ == "agent" for p in a.children
            ]
            if issuer:
                actor = self.actor_at(issuer[0])
                if actor:
                    return actor
        for child in head.children:
            if child.dep_ == "acl":  # "a statement issued by the ministry"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                        actor = self.actor_at(pobj)
                        if actor:
                            return actor
        return None

    def institution_owner(self, head: Token, speaker: str | None) -> str | None:
        """The unnamed government body a document belongs to, of the speaker's country: "a
        ministry statement" carrying a Chinese foreign minister's words is the Chinese Foreign
        Ministry's, as is "the foreign ministry's account" (added to the actors, mentioned at
        "ministry")."""
        for child in head.children:
            if child.dep_ not in {"compound", "nmod", "poss"} or child.i > head.i:
                continue
            found = self.institution_at(child, speaker)
            if found is not None:
                return found
        return None

    def institution_at(self, token: Token, speaker: str | None) -> str | None:
        """The government body a noun phrase names without saying whose, of the speaker's
        country: "ministry", "the foreign ministry", "his ministry"."""
        phrase = self.doc[token.left_edge.i : token.i + 1]
        words = [t for t in phrase if t.i == token.i or t.dep_ not in _NOT_NAME]
        if not words:
            return None
        body = named_body(" ".join(t.text for t in words), self.actors.get(speaker))
        if body is None:
            return None
        mention = (words[0].i, token.i + 1, token.i)
        return self.actors.institution(body.name, body.country, body.sector, mention)

    def actor_at(self, token: Token) -> str | None:
        """The actor a word refers to, if any: a mention, a demonym, an organisation's noun."""
        if token.lower_ in _MALE | _FEMALE | _PLURAL and token.pos_ == "PRON":
            return self.pronoun(token)
        found = self.actors.at(token.i)
        if found is not None:
            return found
        iso3 = demonym_country(token)
        if iso3:
            return self.actors.state(iso3, token.i)
        # "council papers": the organisation whose name ends in that word.
        return self.actors.organization_ending(token.lower_)

    def source(self, span: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
        """The speaker of a source span, and the document it points back to, if any."""
        doc = self.doc
        head = doc[span[0] : span[1]].root
        if head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl":
            # "Mr. Kamin, who emphasized ...": the noun the relative clause hangs off.
            antecedent = head.head.head
            return self.actor_at(antecedent) or self.inner(antecedent), None
        if head.pos_ == "PRON" and head.lower_ in _MALE | _FEMALE | _PLURAL:
            return self.pronoun(head), None
        if channel_type(head) == "document":
            owner = self.document_owner(head)
            if owner:
                return owner, None
            antecedent = self.documents.before(head.i)
            if antecedent:
                return antecedent[1], antecedent[0]
            return None, None
        conjuncts = [head, *(t for t in head.conjuncts if span[0] <= t.i < span[1])]
        if len(conjuncts) > 1:
            members = [a for a in (self.actor_at(t) or self.inner(t) for t in conjuncts) if a]
            if len(set(members)) > 1:
                return self.actors.group(members, *span), None
        actor = self.actor_at(head) or self.inner(head, span)
        if actor is None:
            actor = self._new_source(head, span)
        else:
            self._known_agency(actor)
        return actor, None

    def _known_agency(self, actor_id: str) -> None:
        """An organisation the text names as a news agency ("the Interfax news agency") takes
        the agency's name, country and sector."""
        actor = self.actors[actor_id]
        found = agency(actor.name) if actor.kind == "organization" and not actor.country else None
        if found is None:
            return
        if actor.name != found.name:
            actor.aliases.append(actor.name)
        actor.name, actor.country, actor.sector = found.name, found.country, found.sector
        if found.role and found.role not in actor.roles:
            actor.roles.append(found.role)

    def inner(self, head: Token, span: tuple[int, int] | None = None) -> str | None:
        """The mention inside a phrase nearest its head ("its NATO allies" -> NATO)."""
        start, end = span if span else noun_phrase(head, keep_appos=False)
        return self.actors.nearest_in(start, end, head.i)

    def _new_source(self, head: Token, span: tuple[int, int]) -> str:
        """An actor for a source nothing else names: "Analysts", "Zakharova"; a news agency
        ("Xinhua reported") is an organisation of its country."""
        start, end = noun_phrase(head, keep_appos=False)
        text = self.doc[start:end].text
        found = agency_in(self.doc[start:end])
        if found is not None:
            return self.actors.institution(
                found.name, found.country, found.sector, (start, end, head.i), found.role
            )
        if head.pos_ == "PROPN":
            kind = "organization" if head.ent_type_ in {"ORG", "NORP"} else "person"
        else:
            kind = "group" if head.tag_ in {"NNS", "NNPS"} else "person"
        if text.lower().startswith("the "):
            text = text[4:]
        return self.actors.add(text, kind, start, end, head.i)

    def addressee(self, token: int) -> str | None:
        head = self.doc[token]
        return self.actor_at(head) or self.inner(head)
