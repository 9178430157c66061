"""Actors: who is mentioned, resolved to one canonical record each.

What later stages may use: the ``ActorDirectory`` the component leaves in
``doc._.actor_directory`` (and the ``Placed`` mentions it gives back), and the
gazetteer.
"""

from communique.actors.component import Actors
from communique.actors.directory import ActorDirectory
from communique.actors.gazetteer import (
    large_city_country,
    load_gazetteer,
    place_country,
    subdivisions,
)
from communique.actors.mentions import Mention, demonym_country, find_mentions, sponsor
from communique.actors.resolution import Placed, resolve_actors

__all__ = [
    "ActorDirectory",
    "Actors",
    "Mention",
    "Placed",
    "demonym_country",
    "find_mentions",
    "large_city_country",
    "load_gazetteer",
    "place_country",
    "resolve_actors",
    "sponsor",
    "subdivisions",
]
