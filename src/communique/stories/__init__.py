"""Stories: the same real-world event across documents, and the accounts of its parties.

``actor_key``: the identity of an actor across documents; ``link``: the stories of a set
of documents' records.
"""

from communique.stories.keys import actor_key, actor_keys
from communique.stories.linking import link

__all__ = ["actor_key", "actor_keys", "link"]
