"""Events: PLOVER 2.0 records of who did what to whom, with evidence spans."""

from communique.events.coder import code_events
from communique.events.component import Events

__all__ = ["Events", "code_events"]
