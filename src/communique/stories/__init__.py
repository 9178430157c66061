"""Stories: the same real-world event across documents, and the accounts of its parties.

``actor_key``: the identity of an actor across documents; ``link``: the stories of a set
of documents' records; ``accounts``: each party's account of a story; ``divergence``: the
topics one account carries and another does not; ``merge`` and ``same_topic``: statements'
topic labels (set by the ``communique_topics`` component) as one label per topic across
documents.
"""

from communique.stories.accounts import accounts
from communique.stories.divergence import divergence
from communique.stories.keys import actor_key, actor_keys
from communique.stories.linking import link
from communique.stories.topics import merge, same_topic

__all__ = ["accounts", "actor_key", "actor_keys", "divergence", "link", "merge", "same_topic"]
