"""Actors: who is mentioned, resolved to one canonical record each."""

from communique.actors.gazetteer import load_gazetteer
from communique.actors.mentions import Mention, find_mentions
from communique.actors.resolution import ActorIndex, resolve_actors

__all__ = ["ActorIndex", "Mention", "find_mentions", "load_gazetteer", "resolve_actors"]
