"""Stories: the same real-world event across documents, and the accounts of its parties.

``actor_key``: the identity of an actor across documents; ``link``: the stories of a set
of documents' records; ``accounts``: each party's account of a story; ``divergence``: the
topics one account carries and another does not.
"""

from communique.stories.accounts import accounts
from communique.stories.divergence import divergence
from communique.stories.keys import actor_key, actor_keys
from communique.stories.linking import link

__all__ = ["accounts", "actor_key", "actor_keys", "divergence", "link"]
