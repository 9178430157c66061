"""Stories: the same real-world event across documents, and the accounts of its parties.

So far: ``actor_key``, the identity of an actor across documents.
"""

from communique.stories.keys import actor_key, actor_keys

__all__ = ["actor_key", "actor_keys"]
