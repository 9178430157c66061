"""What later stages may ask of a document's actors, and tell them.

The actors component leaves an ``ActorDirectory`` in ``doc._.actor_directory``.
Attribution and events look actors up in it by token or span, and add through
it the actors only they find: a state named by a demonym ("Chinese"), a source
nothing else names ("Analysts"), a group ("the US and its NATO allies", "Iraqi
Kurds"). They never edit the resolution's index themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from communique.actors.gazetteer import load_gazetteer
from communique.actors.mentions import Mention
from communique.actors.resolution import ActorIndex, Placed
from communique.records import Actor

# Words of a mention or role that say a person's gender: "spokeswoman", "Ms Volk", "Mr Kamin".
_FEMALE_WORDS = ("woman", "ms", "mrs", "miss", "madam", "queen", "chairwoman")
_MALE_WORDS = ("spokesman", "mr", "king", "chairman", "businessman", "congressman")


class ActorDirectory:
    """The actors of one document: looked up by token or span, added to by later stages.

    Actor ids are strings (``"<doc_id>:a<n>"``); ``get`` and ``[]`` give the ``Actor``.
    """

    def __init__(self, index: ActorIndex) -> None:
        self._index = index

    # -- the records ------------------------------------------------------------------------
    def __getitem__(self, actor_id: str) -> Actor:
        return self._index.actors[actor_id]

    def get(self, actor_id: str | None) -> Actor | None:
        return self._index.get(actor_id)

    def ordered(self) -> list[Actor]:
        """The actors in the order they were found (see ``ActorIndex.ordered``)."""
        return self._index.ordered()

    # -- by position ------------------------------------------------------------------------
    def at(self, token: int) -> str | None:
        """The actor mentioned at a token: of the mentions holding it, the one headed there,
        else the innermost."""
        placed = self._index.at_token(token)
        return placed.actor_id if placed is not None else None

    def nearest_in(self, start: int, end: int, token: int) -> str | None:
        """The actor of the mention inside tokens ``[start, end)`` whose head is nearest
        ``token`` ("its NATO allies" -> NATO)."""
        inside = self._index.in_span(start, end)
        if not inside:
            return None
        return min(inside, key=lambda p: abs(p.head - token)).actor_id

    def before(self, token: int) -> Iterator[Placed]:
        """The mentions ending before a token, nearest first: antecedents of a pronoun."""
        return self._index.before(token)

    # -- by what they are -------------------------------------------------------------------
    def organization_ending(self, word: str) -> str | None:
        """The latest organisation whose name ends with ``word`` ("council papers")."""
        actor = self._index.organization_ending(word)
        return actor.id if actor is not None else None

    def genders(self) -> dict[str, str]:
        """What the mentions so far say of actors' genders: ``"f"`` ("spokeswoman", "Ms
        Volk"), ``"m"`` ("spokesman", "Mr Kamin"); the first mention that says one wins."""
        doc, found = self._index.doc, {}
        for placed in self._index.placed:
            words = doc[placed.start : placed.end].text.lower().replace(".", "").split()
            for role in self._index.actors[placed.actor_id].roles:
                words += role.split()
            if any(w.endswith(_FEMALE_WORDS) for w in words):
                found.setdefault(placed.actor_id, "f")
            elif any(w in _MALE_WORDS for w in words):
                found.setdefault(placed.actor_id, "m")
        return found

    # -- found by later stages --------------------------------------------------------------
    def state(self, iso3: str, token: int) -> str:
        """The state of country ``iso3``: the first the document mentions, else a new one
        mentioned at ``token`` (a demonym: "Chinese", or a province: "Sindh")."""
        known = self._index.state(iso3)
        if known is not None:
            return known.id
        actor = self._index.new_actor(load_gazetteer().country_name(iso3), "state", iso3)
        mention = Mention(token, token + 1, "state", "demonym", country=iso3, head=token)
        self._index.place(mention, actor)
        return actor.id

    def add(self, name: str, kind: str, start: int, end: int, head: int) -> str:
        """A new actor mentioned at tokens ``[start, end)`` that only a later stage found: a
        source nothing else names ("Analysts", "Zakharova")."""
        actor = self._index.new_actor(name, kind)
        self._index.place(Mention(start, end, kind, "later", head=head), actor)
        return actor.id

    def group(self, members: list[str], start: int, end: int) -> str:
        """The group actor mentioned at tokens ``[start, end)``: coordinated sources with
        their members ("the US and its NATO allies"), or, of a single member state, the
        people of that state, with its country and no members ("Iraqi Kurds")."""
        actor = self._index.group(members, start, end)
        if len(set(members)) == 1:
            actor.members = []
            actor.country = self._index.actors[members[0]].country
        return actor.id

    def add_country(self, actor_id: str, state_id: str) -> None:
        """Give an actor without a country that of a state ("security forces in Guinea")."""
        self._index.give_country(self._index.actors[actor_id], self._index.actors[state_id])

    def add_members(self, actor_id: str, members: list[str]) -> None:
        """Give a group without members its members ("Hungarian and Romanian officials")."""
        actor = self._index.actors[actor_id]
        if actor.kind == "group" and not actor.members:
            actor.members = members

    def institution(
        self,
        name: str,
        country: str | None,
        sector: str | None,
        mention: tuple[int, int, int] | None = None,
        role: str | None = None,
    ) -> str:
        """The organisation ``name`` of ``country`` that issues or carries statements ("Chinese
        Foreign Ministry", "US State Department", "Xinhua"): the document's own if it has one
        of that name (or one its name ends with: "the foreign ministry" of that country), else
        a new one, mentioned at tokens ``mention`` = (start, end, head) when the text names it
        ("a ministry statement", "Xinhua reported") and not mentioned at all otherwise (the
        issuer of a readout); ``role`` is what it is ("news agency")."""
        wanted = " ".join(name.lower().split())
        for actor in self._index.ordered():
            if actor.kind != "organization" or actor.country not in {country, None}:
                continue
            names = {actor.name.lower(), *(a.lower() for a in actor.aliases)}
            if wanted in names or (actor.country and any(wanted.endswith(f" {n}") for n in names)):
                return actor.id
        actor = self._index.new_actor(name, "organization", country, sector)
        if role:
            actor.roles.append(role)
        if mention is not None:
            start, end, head = mention
            found = Mention(start, end, "organization", "later", country=country, head=head)
            self._index.place(found, actor)
        return actor.id
