"""Code PLOVER 2.0 events from the dependency parse.

1. Triggers: verbs and nouns of ``patterns.tsv``, with their object class
   ("withdraw troops" RETREAT, "withdraw aid" SANCTION).
2. The main events of a sentence are the triggers no other trigger governs:
   "threatened to ban" is one THREATEN (mode ``restrict``), not a THREATEN and
   a COERCE. A commitment ("agreed to", "is willing to", "will") makes a
   cooperative act AGREE and a hostile one THREATEN; a negated cooperative act
   is a REJECT (the manual, AGREE, CONCEDE and THREATEN).
3. Actor: the clause's subject (the agent of a passive); for a noun, its
   possessor, its national modifier ("US-led boycott", "Russian troops") or the
   subject of the verb that carries it ("staged a rally"). Recipient: the object
   or the prepositional object the type calls for ("sanctions on X", "talks
   with X", "aid to X", "withdraw from X").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from communique.actors import load_gazetteer
from communique.attribution import cue_subject
from communique.events import cameo
from communique.events import model as event_model
from communique.events.lexicon import (
    COOPERATIVE,
    HOSTILE,
    Pattern,
    object_classes,
    patterns,
    type_rules,
    word_lists,
)
from communique.positions import sentence as sentence_of
from communique.positions import text as doc_text

# Word lists and per-type rules, from events/data/word_lists.tsv and types.tsv.
WORDS = word_lists()
TYPES = type_rules()


def _threat_mode(kind: str, default: str | None = None) -> str | None:
    return TYPES.get(kind, ((), None, None))[1] or default


def _request_mode(kind: str, default: str | None = None) -> str | None:
    return TYPES.get(kind, ((), None, None))[2] or default


@dataclass(slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    object: Token | None
    learned: bool = False  # a CAMEO candidate the event model made an event
    probability: float = 1.0  # the model's, for a learned trigger

    @property
    def type(self) -> str:
        return self.pattern.type


@dataclass(slots=True)
class Coded:
    """An event found in the parse, before its actors become records."""

    trigger: Token
    anchor: Token  # the verb whose clause gives tense, modality and subject
    type: str
    mode: str | None
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    embedded: Trigger | None = None
    learned: bool = False  # typed by the event model, not a hand-written pattern

    @property
    def sentence(self) -> Span:
        return sentence_of(self.trigger)


# -- triggers ----------------------------------------------------------------------------------


def _object(token: Token, preposition: str | None = None) -> Token | None:
    """The direct object of a verb (the subject of a passive), or of its preposition; what
    arrived, for a verb of arrival ("aid reached Gaza")."""
    if token.lemma_.lower() in WORDS["arrival_verbs"] and (act := _act_subject(token)):
        return act
    for child in token.children:
        if preposition and child.dep_ in {"prep", "prt"} and child.lower_ == preposition:
            objects = [
                c
                for c in child.children
                if c.dep_ in {"pobj", "pcomp"} and c.ent_type not in _NOT_ACTS  # "on Sunday"
            ]
            if objects:
                return objects[0]
    for deps in ({"dobj"}, {"nsubjpass"}, set() if preposition else {"dative"}):
        for child in token.children:
            if child.dep_ in deps:
                return child
    lets = token.lemma_.lower() in {"allow", "let", "permit"}
    for clause in (c for c in token.children if c.dep_ == "ccomp" and (lets or _to_infinitive(c))):
        # "allowed UN inspectors to visit the site", "allowed inspectors back into the site":
        # the parser makes them the subject
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    act = _act_subject(token)
    if act is not None:
        return act
    if token.pos_ == "NOUN":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "on", "to", "for"}:
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _act_subject(verb: Token) -> Token | None:
    """The subject of an aspect verb that takes no object, when it names an act ("joint
    naval patrols by A and B resumed" reports the patrols), or of a verb of arrival, when it
    is what or who was sent ("a convoy carrying food from the WFP reached El Fasher", "a
    contingent of Kenyan police arrived in Haiti")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in WORDS["aspect_verbs"] | WORDS["arrival_verbs"]:
        return None
    if lemma in WORDS["aspect_verbs"] and any(
        c.dep_ in {"dobj", "xcomp", "ccomp"} for c in verb.children
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    if lemma in WORDS["arrival_verbs"] and not (
        _in_class(subject, "aid") or _in_class(subject, "forces")
    ):
        return None  # "the two sides reached an agreement"
    return subject


def _modifiers(token: Token) -> list[Token]:
    """The words that modify a noun, and theirs: "a joint air exercise" gives joint, air."""
    found = []
    for child in token.children:
        if child.dep_ in {"compound", "amod", "nmod"}:
            found += [child, *_modifiers(child)]
    return found


def _class_words(token: Token) -> set[str]:
    """The words that say what an object is: it, its modifiers, what a quantity is of
    ("tens of thousands of Russian troops"), what a vehicle carries ("trucks carrying food"),
    and the same of the objects joined to it ("exchanged mortar and machine-gun fire")."""
    words = [w for t in (token, *token.conjuncts) for w in (t, *_modifiers(t))]
    if token.ent_type_ in {"CARDINAL", "QUANTITY", "MONEY"} or token.lower_ in WORDS["quantities"]:
        # "tens of thousands of Russian troops", "a wave of drones", "a state of emergency",
        # "$70 million in loans" (the parser may hang "in" on the verb: "channelled $5
        # million in emergency funding")
        holders = (token, token.head) if token.dep_ == "dobj" else (token,)
        words += [
            p
            for holder in holders
            for prep in holder.children
            if prep.lower_ in ({"of", "in"} if holder is token else {"in"})
            for p in prep.children
            if p.dep_ == "pobj"
        ]
    if token.lower_ == "access":  # "blocked access to news websites", "to the app Signal"
        words += [
            w
            for prep in token.children
            if prep.lower_ == "to"
            for p in prep.children
            for w in (p, *_modifiers(p))
        ]
    # what a vehicle carries: "a convoy of trucks carrying food", "planes carrying tents"
    carriers = [
        token,
        *(p for prep in token.children if prep.lower_ == "of" for p in prep.children),
    ]
    words += [
        o
        for carrier in carriers
        for acl in carrier.children
        if acl.dep_ == "acl" and acl.lemma_.lower() in {"carry", "bring", "transport", "deliver"}
        for o in acl.children
        if o.dep_ == "dobj"
    ]
    return {w.lemma_.lower() for w in words} | {w.lower_ for w in words}


def _in_class(token: Token | None, name: str, words: set[str] | None = None) -> bool:
    if token is None:
        return False
    if name.startswith("="):  # the words themselves: "=tool" for "downed tools"
        return token.lemma_.lower() in name[1:].split("|")
    if name in {"captive", "dignitary"} and (
        token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and not token.ent_type_)
    ):
        # "released Prime Minister Mahendra Chaudhry", "received Lavrov", "to free Aung
        # San Suu Kyi" (a name the tagger left unlabelled)
        return True
    members = object_classes().get(name, frozenset())
    return not members.isdisjoint(_class_words(token) if words is None else words)


def _particle(token: Token, word: str) -> bool:
    return any(
        c.lower_ == word and c.dep_ in {"prt", "prep", "advmod", "dobj", "compound"}
        for c in token.children
    ) or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == word)


_patterns = cameo.LemmaMemo(lambda token, pos: patterns().get((token.lemma_.lower(), pos), []))


def pattern_match(token: Token) -> Trigger | None:
    """The hand-written pattern a token triggers, if any (object-specific rows first)."""
    for pattern in _patterns(token):
        second = pattern.words[1] if len(pattern.words) > 1 else None
        if second and not _particle(token, second):
            continue
        obj = _object(token, second)
        if pattern.object_class and not _in_class(obj, pattern.object_class):
            continue
        return Trigger(token, pattern, obj)
    return None


def _object_class(obj: Token | None) -> str | None:
    if obj is None:
        return None
    words = _class_words(obj)
    return next((name for name in object_classes() if _in_class(obj, name, words)), None)


def _context(token: Token) -> tuple[str, ...]:
    """The lemmas of the content words of the trigger's clause, near it."""
    clause = _anchor(token)
    return tuple(
        t.lemma_.lower()
        for t in clause.subtree
        if t.i != token.i
        and abs(t.i - token.i) <= 12
        and t.pos_ in {"NOUN", "VERB", "ADJ", "ADV"}
        and not t.ent_type_
    )


def candidate(
    token: Token, rule: Trigger | None, pattern: cameo.CameoPattern | None
) -> event_model.Candidate:
    """What the event model reads of a candidate trigger."""
    particle = (
        rule.pattern.words[1:]
        if rule is not None
        else tuple(pattern.particle.split())
        if pattern is not None and pattern.particle
        else ()
    )
    obj = rule.object if rule is not None else _object(token, particle[0] if particle else None)
    return event_model.Candidate(
        lemma=" ".join((token.lemma_.lower(), *particle)),
        pos=cameo.candidate_pos(token) or "NOUN",
        object=obj.lemma_.lower() if obj is not None else None,
        context=_context(token),
        rule=rule.type if rule is not None else None,
        cameo=pattern.type if pattern is not None else None,
        object_class=_object_class(obj),
        dependency=token.dep_,
        passive=any(c.dep_ == "auxpass" for c in token.children),
        negated=any(c.dep_ == "neg" for c in token.children),
    )


def main_clause(token: Token) -> bool:
    """Whether a token is the act its sentence reports: its clause is the sentence's main one
    (or joined to it), and not one that reports speech or thought ("reminded him that ...",
    "said that ...": what is said is the statement's, coded as a verbal event), or the
    content of a plain reporting verb (say, report) that heads the sentence."""
    anchor = _anchor(token)
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    if anchor.dep_ == "ccomp" and anchor.head.dep_ == "ROOT":
        # what a news sentence reports: "Egypt began joint exercises, the spokesman said"
        return anchor.head.lemma_.lower() in WORDS["reporting_verbs"]
    return anchor.dep_ == "ROOT" and not any(c.dep_ == "ccomp" for c in anchor.children)


# Types that say how an act is meant (a threat, a promise), which the rules read from the
# clause (future, condition, commitment): the model does not re-type a hand-written act into
# them ("imposed sanctions" is no threat because sanctions are often threatened).
_MODAL = frozenset({"THREATEN", "AGREE"})


def match(token: Token, add_threshold: float | None = None) -> Trigger | None:
    """The trigger a token is: a pattern of ``patterns.tsv`` or of the CAMEO dictionary,
    typed by the event model (``events.model``). The model re-types a hand-written pattern
    only above its re-typing threshold, drops one only above its veto threshold, and makes a
    CAMEO-only candidate an event only above ``add_threshold`` (default: the model's; all
    three chosen on held-out sentences when it was trained); commitments and reporting verbs
    stay the rules'. A CAMEO-only candidate must be in its sentence's main clause. Without a
    model, the hand-written patterns alone."""
    rule = pattern_match(token)
    model = event_model.active()
    if model is None or (rule is not None and rule.type in {"COMMIT", "SAY"}):
        return rule
    listed = rule is not None or (cameo.listed(token) and main_clause(token))
    pattern = cameo.match(token) if listed else None
    if rule is None and pattern is None:
        return None
    predicted = model.predict(candidate(token, rule, pattern))
    if rule is not None:
        if predicted.type == event_model.NONE and predicted.probability >= model.veto_threshold:
            return None
        if (
            predicted.type not in {event_model.NONE, rule.type, *_MODAL}
            and predicted.probability >= model.retype_threshold
        ):
            retyped = replace(rule.pattern, type=predicted.type, mode=predicted.mode)
            return Trigger(token, retyped, rule.object)
        return rule
    threshold = model.add_threshold if add_threshold is None else add_threshold
    if predicted.type == event_model.NONE or predicted.probability < threshold:
        return None
    obj = _object(token)
    if obj is not None and obj.lower_ == "attention":
        return None  # "drew attention to", "called attention to": said, not done
    if any(c.dep_ == "neg" for c in token.children):
        return None  # what did not happen is the rules' to read ("had not addressed")
    assert pattern is not None
    kind = predicted.type
    if kind == "AGREE":
        # AGREE is a commitment ("guaranteed to reopen the border"): the act it takes makes
        # it AGREE or THREATEN, as a hand-written commitment; one that takes none is no event.
        if not any(c.dep_ == "xcomp" for c in token.children):
            return None
        kind = "COMMIT"
    if pattern.pos == "NOUN" and token.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr"}:
        return None  # "protested over the incursion": a noun the model adds must be the act
    particle = tuple(pattern.particle.split()) if pattern.particle else ()
    found = Pattern(
        words=(token.lemma_.lower(), *particle),
        pos=pattern.pos,
        object_class=None,
        type=kind,
        mode=pattern.mode if pattern.type == kind else predicted.mode,
    )
    if particle:
        obj = _object(token, particle[0])
    return Trigger(token, found, obj, learned=True, probability=predicted.probability)


# Words inside these entities name a time or a number, never an act ("in March").
_NOT_ACTS = frozenset(
    get_string_id(label)
    for label in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL")
)
# A score or a margin after the act: "beat Argentina 2-1", "crushed Pakistan by seven
# wickets" is a match, not an assault.
_SCORE = re.compile(
    r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b"
    r"|\bby (?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten) "
    r"(?:wickets?|runs?|goals?|points?|strokes?|innings)\b"
)


# Rallies of an election campaign, not of protest: "at a campaign rally in Iowa".
_CAMPAIGN_WORDS = frozenset({"campaign", "election", "electoral", "victory", "re-election"})
# Attacks in words, not force: "direct mail attacks", "personal attacks on the senator".
_WORDED = frozenset(
    {"verbal", "rhetorical", "mail", "ad", "ads", "personal", "political", "partisan", "campaign"}
)


# Attacks of the body: "died of a heart attack".
_MEDICAL = frozenset({"heart", "panic", "asthma", "anxiety", "cardiac"})
# Particles that make a trigger word mean something else: "fired up", "seized on".
_OTHER_PARTICLES = {"fire": {"up"}, "seize": {"on", "upon"}}


def _another_sense(trigger: Trigger) -> bool:
    """Whether a trigger word is used in a sense that is no event: a noun that names a kind of
    thing ("a strike rate"), a phrasal verb of another sense ("fired up", "seized on"),
    demonstrating something, an attack of the body ("a heart attack"), "fire" dismissing someone
    ("fired his campaign manager": its object is a person or a role, not a weapon or a
    target), a rally of an election campaign ("at a campaign rally"), attacks in words
    ("direct mail attacks", "personal attacks"), preparing something other than forces
    ("preparing models and plans"; "preparing troops", "prepared to resume shelling" and
    "preparing for war" are mobilisations), searching for the missing rather than for
    suspects."""
    token, obj = trigger.token, trigger.object
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return True  # a kind of thing, not an act: "a strike rate", "protest songs"
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _OTHER_PARTICLES.get(lemma, ()):
        return True  # "fired up supporters", "seized on signs of cooling inflation"
    if lemma == "demonstrate" and obj is not None and obj.dep_ == "dobj":
        return True  # showing something: "demonstrated its new truck", "... its resolve"
    if lemma == "fire" and obj is not None and obj.dep_ == "dobj":
        held = obj.lemma_.lower()
        return obj.ent_type_ == "PERSON" or held in WORDS["jobs"] or held in load_gazetteer().roles
    if lemma == "rally" and token.pos_ == "NOUN":
        return any(c.lower_ in _CAMPAIGN_WORDS for c in token.children)
    if lemma == "prepare" and obj is not None and obj.dep_ == "dobj":
        return not _in_class(obj, "forces")
    if lemma == "search" and (sought := _object(token, "for")) is not None:
        # "searched for survivors" is a rescue, not a raid (one for suspects or fugitives is)
        return sought.head.lower_ == "for" and not _in_class(sought, "suspect")
    if lemma == "attack" and token.pos_ == "NOUN":
        return any(
            c.lower_ in _WORDED | _MEDICAL for c in token.children if c.dep_ in {"amod", "compound"}
        )
    return False


def _a_match_result(trigger: Trigger) -> bool:
    """Whether a trigger reports a contest: a score after it, or a prize, a record or a lead
    as its object ("won the U.S. Open title", "seized the lead", "broke the world record")."""
    won = trigger.object
    if won is not None and _in_class(won, "contest", {won.lemma_.lower(), won.lower_}):
        return True  # the prize itself, not a word describing it ("a contested bill")
    if trigger.type != "ASSAULT" and not trigger.learned:
        return False
    token = trigger.token
    after = doc_text(token.doc)[token.idx : sentence_of(token).end_char]
    return _SCORE.search(after) is not None


def triggers(
    doc: Doc, skip: Iterable[int] = (), near: list[Trigger] | None = None
) -> list[Trigger]:
    """The triggers of a document; into ``near``, if given, every candidate the model typed
    with at least the model's fallback threshold (each token is read once): those below its
    adding threshold are not triggers, but are a sentence's fallback."""
    skipped = set(skip)
    model = event_model.active()
    low = model.fallback_threshold if near is not None and model is not None else None
    found = []
    for token in doc:
        if token.i in skipped or token.ent_type in _NOT_ACTS:
            continue
        if not (_patterns(token) or cameo.listed(token)):
            continue  # the cheap test first: no pattern has this word
        trigger = match(token, low)
        if trigger is None or _a_match_result(trigger) or _another_sense(trigger):
            continue
        if trigger.learned and near is not None:
            near.append(trigger)  # a sentence left without an event may still take it alone
        if not trigger.learned or model is None or trigger.probability >= model.add_threshold:
            found.append(trigger)
    return found


# -- modality ------------------------------------------------------------------------------


def _auxiliaries(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}


def _to_infinitive(verb: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def _intention(verb: Token) -> Token | None:
    """The verb or noun that makes ``verb`` an intended act: "is going to attack", "plans
    to visit", "has no intention of attacking", "has no plans to invade"."""
    head = verb.head
    if head.i == verb.i:
        return None
    lemma = head.lemma_.lower()
    if verb.dep_ == "xcomp" and head.pos_ in {"VERB", "AUX"}:
        if lemma == "go":  # "is going to", not "went to"
            progressive = any(c.lemma_ == "be" for c in head.children if c.dep_ == "aux")
            return head if head.tag_ == "VBG" and progressive and _to_infinitive(verb) else None
        return head if lemma in WORDS["intention_verbs"] else None
    if head.pos_ == "ADP" and head.lower_ == "of" and verb.dep_ == "pcomp":
        head = head.head
    elif not (verb.dep_ in {"acl", "xcomp"} and _to_infinitive(verb)):
        return None
    return head if head.lemma_.lower() in WORDS["intention_nouns"] else None


def _held(intention: Token) -> bool:
    """ "Belarus has no intention of", "has no plans to": an intention its subject holds."""
    return (
        intention.pos_ in {"NOUN", "PROPN"}
        and intention.dep_ == "dobj"
        and intention.head.lemma_.lower() == "have"
    )


def _denied(intention: Token) -> bool:
    """ "is not planning to", "has no intention of", "does not have any plans to"."""
    if intention.pos_ in {"VERB", "AUX"}:
        return any(c.dep_ == "neg" for c in intention.children)
    if any(c.lower_ == "no" and c.dep_ == "det" for c in intention.children):
        return True
    verb = intention.head
    return intention.dep_ in {"dobj", "attr"} and any(c.dep_ == "neg" for c in verb.children)


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    intention = _intention(verb)
    if intention is not None and _denied(intention):
        return True
    if verb.dep_ == "csubj" and "out of the question" in sentence_of(verb.head).text.lower():
        return True  # "removing the sanctions is out of the question"
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in {"fail", "refuse"} and head.i != verb.i


def _occasion(trigger: Token, anchor: Token) -> bool:
    """Whether a nominal trigger is only the occasion of its verb's act: "did not mention the
    Olympics in a phone call with Wang" (the call took place; what was not done is the
    mention), but not "did not take part in the talks"."""
    prep = trigger.head
    return (
        trigger.pos_ in {"NOUN", "PROPN"}
        and trigger.dep_ == "pobj"
        and prep.lower_ in WORDS["occasion_prepositions"]
        and prep.head.i == anchor.i
        and anchor.i != trigger.i
        and anchor.lemma_.lower() not in WORDS["participation_verbs"]
    )


def _commitment(verb: Token) -> bool:
    """ "is willing to withdraw", "will provide", "plans to visit"."""
    if _auxiliaries(verb) & WORDS["future_auxiliaries"]:
        return True
    if (
        _to_infinitive(verb)
        and (
            verb.dep_ == "ROOT"
            or (
                verb.head.lemma_.lower() in WORDS["reporting_verbs"]
                and any(c.dep_ == "nsubj" for c in verb.children)
            )
        )
        and not any(
            c.dep_ in {"aux", "auxpass", "mark"} and c.lower_ != "to" for c in verb.children
        )
    ):
        return True  # a headline's "Germany to send tanks to Ukraine, minister says"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in WORDS["commitment_adjectives"]:
        return True
    if (
        verb.dep_ == "pcomp"
        and head.dep_ == "prep"
        and head.head.lemma_.lower() in WORDS["commitment_adjectives"]
    ):
        return True  # "open to continuing the dialogue"
    return _intention(verb) is not None


def _on_condition(verb: Token) -> bool:
    """ "... if the rhetoric continued", "... unless Baghdad accepted"."""
    return any(
        child.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in child.children)
        for child in verb.children
    )


def _conditional(verb: Token) -> bool:
    return _on_condition(verb) or bool(_auxiliaries(verb) & WORDS["hypothetical_auxiliaries"])


# -- arguments -----------------------------------------------------------------------------


def _anchor(trigger: Token) -> Token:
    """The verb that carries a nominal trigger ("held talks"), or the trigger itself."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return trigger
    head = trigger
    while head.dep_ in {"dobj", "pobj", "prep", "conj", "appos", "nsubjpass", "attr"} and (
        head.head.i != head.i
    ):
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return trigger


def _national_modifiers(noun: Token) -> list[Token]:
    """Modifiers that name who: "US-led boycott", "Russian troops", "Taiwan's minister"."""
    found = []
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            if child.lemma_ == "lead" or child.lower_.endswith("-led"):
                found += [c for c in child.children if c.dep_ in {"npadvmod", "compound"}]
            elif child.ent_type_ in {"DATE", "TIME"}:
                continue  # "Saturday's phone call": when, not who
            elif (
                child.dep_ == "poss"
                or child.pos_ == "PROPN"
                or child.ent_type_ in {"NORP", "GPE", "ORG"}
            ):
                found.append(child)
    return found


def patterns_type(token: Token) -> str | None:
    trigger = match(token)
    return trigger.type if trigger else None


def _act_parties(act: Token) -> list[Token]:
    """Who does a nominal act or sent what arrived: "patrols by A, B and C", "trade between A
    and B", "vaccines supplied by the WHO", "Russian troops"."""
    found = [
        p
        for prep in act.subtree  # "vaccines supplied by the WHO", "trucks carrying food from"
        if prep.lower_ in {"by", "between", "from"} and prep.dep_ in {"prep", "agent"}
        for obj in prep.children
        if obj.dep_ == "pobj"
        for p in (obj, *obj.conjuncts)
    ]
    return found or _national_modifiers(act)


def _cause(verb: Token) -> Token | None:
    """The subject of a verb of harm when it names a hostile act: "clashes between A and B
    killed 24 people" is the clashes' parties' act."""
    if verb.lemma_.lower() not in WORDS["harm_verbs"]:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or patterns_type(subject) not in HOSTILE:
        return None
    return subject


def actor_heads(trigger: Token, anchor: Token) -> list[Token]:
    act = _act_subject(anchor) or _cause(anchor)
    parties = _act_parties(act) if act is not None else []
    if parties:
        return parties
    if trigger.pos_ not in {"VERB", "AUX"}:
        modifiers = _national_modifiers(trigger)
        # "a strike by dockers", "a general strike called by the CGT"
        preps = [
            *trigger.children,
            *(a for acl in trigger.children if acl.dep_ == "acl" for a in acl.children),
        ]
        agents = [
            p
            for prep in preps
            if prep.lower_ == "by" and prep.dep_ in {"prep", "agent"}
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        agents += _agents_hung_on_object(trigger)
        # "a truce between Israel and Hezbollah", "fighting erupted between the army and
        # the rebels"
        between = _prep_objects(trigger, ("between",))
        if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in WORDS["aspect_verbs"]:
            between += _prep_objects(trigger.head, ("between",))
        agents += [t for o in between for t in (o, *o.conjuncts)]
        if not (modifiers or agents) and _done_by_whom_it_is_of(trigger):
            # "the pullback of Indian and Chinese troops", "the resignation of the minister"
            agents = [t for o in _prep_objects(trigger, ("of",)) for t in (o, *o.conjuncts)]
        if modifiers or agents:
            return [*agents, *modifiers]
        noun = trigger.head if trigger.dep_ == "compound" else trigger  # "a mediation effort"
        carried = (
            noun.dep_ in {"dobj", "attr", "nsubjpass"} and noun.head.lemma_ in WORDS["light_verbs"]
        )  # "staged a rally", "a call for elections was issued by the opposition"
        # "said during a call with X": the one who spoke took part in the call; "converged
        # for a rally", "threw stones during demonstrations": so did they.
        taking_part = any(
            p.dep_ == "prep" and p.lower_ in {"with", "between"} for p in trigger.children
        ) or (trigger.dep_ == "pobj" and patterns_type(trigger) in {"PROTEST", "ASSAULT"})
        if anchor.i == trigger.i or not (carried or taking_part):
            return []
    subject = _subject(anchor) or _misparsed_subject(anchor)
    if subject is None:
        return []
    return [subject, *subject.conjuncts]


def _threatened_mode(embedded: Trigger) -> str | None:
    """The mode of a threat of an act (manual, THREATEN): an arrest threatened is "arrest",
    an expulsion "expel", an annexation or a seizure of land "territory"; else the act's
    type's ("violence" for an assault, "restrict" for coercion)."""
    lemma = embedded.token.lemma_.lower()
    if embedded.pattern.mode in {"arrest", "expel"}:
        return embedded.pattern.mode
    if lemma == "expel":
        return "expel"  # "threatened to expel foreign aid agencies"
    seizes = lemma in {"occupy", "capture", "seize", "retake"}
    if lemma == "annex" or (seizes and _in_class(embedded.object, "territory")):
        return "territory"
    return _threat_mode(embedded.type)


# What makes a warning one of force: "warned of military consequences", "of a war".
_FORCE_WORDS = frozenset({"military", "armed", "force", "war", "retaliation", "strike", "strikes"})


def _of_force(warning: Token) -> bool:
    """Whether a threat that names no act warns of force: its object or what it warns "of"
    is military ("warned Finland of military consequences")."""
    objects = [*_prep_objects(warning, ("of",)), *(c for c in warning.children if c.dep_ == "dobj")]
    return any(t.lemma_.lower() in _FORCE_WORDS for o in objects for t in o.subtree)


def _ended(act: Token, commitment: Token) -> bool:
    """Whether the act a commitment takes is one it ends: "committed to an immediate halt to
    fighting", "pledged an end to the war"."""
    token = act
    while token.i != commitment.i and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in WORDS["ending_words"]:
            return True
    return False


def _asked_mode(embedded: Trigger, default: str | None = None) -> str | None:
    """The mode of a request (or a refusal) of an act: the act's type's; but a resignation
    asked for is a change of government, not a concession (manual, REQUEST change)."""
    if embedded.pattern.mode == "resign":
        return "change"
    return _request_mode(embedded.type, default)


def _asks_for_help(asked: Token | None) -> bool:
    """Whether a request (a verb, or a noun refused) asks for aid or arms: "asked Germany
    for air defence systems", "requested humanitarian aid", "a request from Ukraine for
    Iron Dome systems" (the parser may hang "for" on a word of the noun's phrase)."""
    if asked is None:
        return False
    preps = asked.subtree if asked.pos_ in {"NOUN", "PROPN"} else asked.children
    wanted = [
        p
        for prep in preps
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    wanted += [c for c in asked.children if c.dep_ == "dobj"]
    return any(_in_class(w, "aid") or _in_class(w, "forces") for w in wanted)


def _done_by_whom_it_is_of(act: Token) -> bool:
    """Whether a nominal act that is its clause's subject is done by whom it is "of": a
    withdrawal, a resignation, a deployment, a strike or a visit is theirs ("the pullback of
    Indian troops was completed"); a release, a killing or an arrest is done to them ("the
    release of 50 prisoners"). The object of a verb is the subject's act: "the United States
    speeded up the withdrawal of its forces"."""
    if act.pos_ in {"VERB", "AUX"} or act.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    trigger = match(act)
    return (
        trigger is not None
        and trigger.type in {"RETREAT", "MOBILIZE", "PROTEST", "CONSULT"}
        and trigger.pattern.mode != "release"
    )


def _subject(anchor: Token) -> Token | None:
    """The subject of the anchor's clause, or of the verb whose intention it is ("Belarus
    has no intention of attacking")."""
    subject = cue_subject(anchor)
    intention = _intention(anchor) if subject is None else None
    if intention is not None and _held(intention):
        subject = cue_subject(intention.head)
    return subject


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    order = {p: i for i, p in enumerate(preps)}
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in order:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append((order[child.lower_], obj))
    return [obj for _, obj in sorted(found, key=lambda f: f[0])]


def _agents_hung_on_object(act: Token) -> list[Token]:
    """Who did a nominal act, where the parser hangs "by" on its object: "the expulsion of
    four diplomats by Moldova", "the detention of a journalist by the police"."""
    return [a for o in _prep_objects(act, ("of",)) for a in _prep_objects(o, ("by",))]


def _recipient_candidates(coded: Coded, obj: Token | None) -> tuple[list[Token], list[Token]]:
    """Candidate recipients in order of preference, in two parts: those the act names, and
    where it happened (the last resort); the caller keeps those that are actors."""
    preps = TYPES.get(coded.type, ((), None, None))[0]
    if coded.type == "CONSULT" and coded.trigger.lemma_.lower() not in WORDS["meeting_verbs"]:
        # What was discussed is not who took part: "discussed the tensions over Ukraine".
        # "a call between Blinken and Lavrov": each of the coordinated parties.
        objects = [*_prep_objects(coded.trigger, preps), *_prep_objects(coded.anchor, preps)]
        if _in_class(obj, "meeting"):  # "held consultations with Niger's military leaders"
            objects += _prep_objects(obj, preps)
        elif obj is not None:  # "discussed the crisis with Iran's president": the parser
            objects += _prep_objects(obj, ("with",))  # hangs "with" on what was discussed
        found = [t for obj in objects for t in (obj, *obj.conjuncts)]
        return list({t.i: t for t in found}.values()), []
    if coded.type == "ACCUSE" and obj is not None and patterns_type(obj) in HOSTILE:
        # "condemned the attack on a hospital in Mariupol": the one accused is who attacked
        # ("Russia's attack", "the attack by the militia"), never its target or its place
        # ("the detention of a journalist by the police": the parser may hang "by" on the
        # one detained)
        accused = [
            *(c for c in obj.children if c.dep_ == "poss"),
            *_prep_objects(obj, ("by",)),
            *_agents_hung_on_object(obj),
            *_national_modifiers(obj),
        ]
        return accused, []
    candidates: list[Token] = []
    if coded.type == "REQUEST":
        # "demanded that Hamas renounce ...": the one asked is the clause's subject.
        for clause in (c for c in coded.anchor.children if c.dep_ in {"ccomp", "xcomp"}):
            subject = cue_subject(clause) if clause.dep_ == "ccomp" else None
            if subject is not None:
                candidates.append(subject)
    if coded.type == "REJECT":
        # "rebuffed US calls to withdraw": the parser reads the calls as a clause "US calls
        # to withdraw" whose subject is who made them
        for clause in (c for c in coded.anchor.children if c.dep_ == "ccomp"):
            if clause.tag_ in {"VBZ", "VBP"} and _in_class(clause, "proposal", {clause.lower_}):
                candidates += [c for c in clause.children if c.dep_ == "nsubj"]
    if coded.type == "MOBILIZE":
        obj = None  # the forces moved are the actor's own: "sent 2,000 troops to the border"
        # the state across the border they go to: "to its border with Belarus", "along the
        # Lebanese border"
        for token in coded.anchor.subtree:
            if token.lemma_.lower() in WORDS["borders"]:
                candidates += [*_prep_objects(token, ("with",)), token]
    if coded.type == "COOPERATE" and (
        _in_class(obj, "suspect") or coded.trigger.lemma_.lower() == "extradite"
    ):
        # "handed over 12 suspects to Iraq", "extradited a businessman to the United States":
        # the recipient is the state they are handed to, not theirs
        candidates += _prep_objects(coded.trigger, ("to",))
        obj = None
    if _in_class(obj, "warrant"):
        # "a warrant for an opposition leader", "a warrant in absentia for ..."
        candidates += [o for t in (*obj.subtree, coded.anchor) for o in _prep_objects(t, ("for",))]
    if (
        coded.trigger.lemma_.lower() in {"recall", "withdraw", "bring", "pull"}
        or coded.mode == "withdraw"
    ) and _in_class(obj, "diplomat"):
        # "recalled its ambassador to Madrid": the envoy is the actor's own; the recipient is
        # where the envoy served
        candidates += _prep_objects(obj, ("to", "in", "from"))
        obj = None
    if (
        obj is not None
        and obj.head.head.i == coded.trigger.i
        and obj.head.lower_ == "of"
        and _done_by_whom_it_is_of(coded.trigger)
    ):
        obj = None  # "the resignation of the minister took effect": the one who resigned
    if any(_in_class(obj, name) for name in ("aid", "trade", "utilities")):
        # goods go to someone: "halved its gas exports to Iraq", "cut off water to Gaza"
        candidates += [*_prep_objects(obj, ("to",)), *_prep_objects(coded.anchor, ("to",))]
    if obj is not None and obj.lemma_.lower() in WORDS["borders"]:
        # "closed its border with Iran" (the parser may hang "with" on the verb)
        candidates += [*_prep_objects(obj, ("with",)), *_prep_objects(coded.anchor, ("with",))]
    if obj is not None and (
        obj.dep_ != "nsubjpass"
        or obj.i not in {t.i for t in actor_heads(coded.trigger, coded.anchor)}
    ):
        candidates.append(obj)
        # whose the object is, when it is no party itself: "denounced the president's
        # decision"; a call or offer names its maker also as a modifier ("rebuffed US calls")
        if _in_class(obj, "proposal"):
            candidates += _national_modifiers(obj)
        else:
            candidates += [c for c in obj.children if c.dep_ == "poss"]
    for token in (coded.trigger, coded.anchor):
        candidates += _prep_objects(token, preps)
        if obj is not None:
            candidates += _prep_objects(obj, preps)
    if coded.type == "CONSULT":  # "a call between Blinken and Lavrov": each of them
        candidates = list({t.i: t for c in candidates for t in (c, *c.conjuncts)}.values())
    dative = [c for c in coded.anchor.children if c.dep_ == "dative"]
    later: list[Token] = []
    # What the embedded act is done to: "threatened to deliver blows to the United States";
    # a threat's, also its object or its passive subject ("warned it would destroy any South
    # Korean vessel", "warned that the party could be banned").
    for clause in (c for c in coded.anchor.children if c.dep_ in {"xcomp", "ccomp"}):
        if coded.type == "THREATEN":
            later += [c for c in clause.children if c.dep_ in {"dobj", "nsubjpass"}]
        for token in clause.subtree:
            later += _prep_objects(token, ("to", "against", "with", "on"))
    if coded.type in {"THREATEN", "REQUEST", "AGREE"}:
        # "... unless Baghdad accepted": the one the condition is put to.
        for clause in (c for c in coded.anchor.subtree if c.dep_ == "advcl"):
            if any(m.lower_ in {"if", "unless"} for m in clause.children):
                subject = cue_subject(clause)
                if subject is not None and patterns_type(subject) is None:
                    later.append(subject)  # a party, not an act ("if the bombardment ...")
    # Last, where it happened: "fired shells at targets in Jericho"; but where a meeting is
    # held is its venue, not a party ("met in Jakarta").
    for token in coded.anchor.subtree if coded.type != "CONSULT" else ():
        later += _prep_objects(token, ("in", "into", "near", "at", "inside"))
    return [*dative, *candidates], later


# -- the main events of a sentence -------------------------------------------------------


# Dependencies through which one act is part of another ("threatened to ban", "imposed
# sanctions"); "spoke with X, warning Y" (advcl) or "A and B" (conj) are separate acts.
_ARGUMENT_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "compound",
        "amod",
        "acl",
        "attr",
        "oprd",
        "nsubjpass",
        "dative",
        "agent",
        "nmod",
        "poss",
        "acomp",
        "relcl",
    }
)


def _dominates(upper: Trigger, lower: Trigger) -> bool:
    token = lower.token
    while token.head.i != token.i:
        if token.dep_ not in _ARGUMENT_DEPS and not (token.dep_ == "conj" and token.pos_ == "NOUN"):
            return False
        token = token.head
        if token.i == upper.token.i:
            return True
    return False


def _planned(clause: Token, token: Token) -> bool:
    """ "has no plans to meet X": the act planned is what the sentence tells, not background
    (but not what "the plans to invade were dropped" or "canceled his plans to attend" hold)."""
    intention = _intention(clause) if clause.i == token.i else None
    return intention is not None and _held(intention)


def _misparsed_subject(verb: Token) -> Token | None:
    """The subject of a past-tense verb the parser took for a modifier of its object:
    "Azerbaijan massed troops along the border" parsed as a phrase "massed troops" with
    "Azerbaijan" hung on "massed"."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or verb.head.dep_ != "ROOT":
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in {"npadvmod", "nsubj"} and c.i < verb.i and c.pos_ in {"PROPN", "NOUN"}
        ),
        None,
    )


def background(token: Token, triggers_at: set[int]) -> bool:
    """Whether the act at ``token`` is background to the sentence's report (see above)."""
    if token.dep_ == "amod" and _misparsed_subject(token) is None:
        return True  # "the Israeli-occupied West Bank", "Syrian-backed"
    if token.dep_ == "advcl" and token.tag_ == "VBG" and token.head.i in triggers_at:
        return True  # "opened fire ..., killing one": an elaboration of the act
    current = token
    while current.head.i != current.i:
        if current.dep_ in {"relcl", "acl"} and not _planned(current, token):
            return True
        if current.dep_ == "advcl" and (
            any(m.lower_ in WORDS["background_marks"] for m in current.children if m.dep_ == "mark")
            or any(a.lower_ == "to" and a.dep_ == "aux" for a in current.children)
        ):
            return True
        if current.dep_ == "pobj" and current.head.lower_ in WORDS["background_prepositions"]:
            return True
        current = current.head
    return False


def _embedded(trigger: Trigger, others: list[Trigger]) -> Trigger | None:
    """The act a trigger takes as its content ("threatened to ban", "vowed to fight")."""
    below = [
        t
        for t in others
        if t.token.i != trigger.token.i
        and (
            _dominates(trigger, t)
            or (
                t.token.head.i == trigger.token.i
                and t.token.dep_ == "advcl"
                and any(a.lower_ == "to" for a in t.token.children)
            )
        )
    ]
    return min(below, key=lambda t: t.token.i, default=None)


# The manual's modes named by the means: the weapon of an assault ("warplanes struck", "fired
# tear gas"), what a mobilisation readies ("missile batteries", "police", "militia"). Word
# lists: ``word_lists.tsv``, one per mode (``<type>_<mode>``), first match wins.
_MODES_BY_MEANS = {
    "ASSAULT": ("suicide-attack", "crowd-control", "drone", "aerial"),
    "MOBILIZE": ("police", "militia", "weapons"),
    "PROTEST": ("hunger",),
}


def _mode_by_means(kind: str, token: Token, anchor: Token, obj: Token | None) -> str | None:
    """The mode the words of the act's subject, object or instrument name, if any."""
    subject = _subject(anchor)
    near = [t for t in (subject, obj, token) if t is not None]
    words = set()
    for t in near:
        for w in (t, *_modifiers(t), *(c for c in t.children if c.dep_ == "prep")):
            words.add(w.lemma_.lower())
            words.update(c.lemma_.lower() for c in w.children if c.dep_ == "pobj")
    for c in anchor.children:  # "fired tear gas at", "struck with drones"
        if c.dep_ in {"dobj", "prep"}:
            words.update(t.lemma_.lower() for t in c.subtree)
    for mode in _MODES_BY_MEANS[kind]:
        if words & WORDS[f"{kind.lower()}_{mode.replace('-', '_')}"]:
            return mode
    return None


def _military_strike(strike: Token) -> bool:
    """A strike that is an attack: "air strikes", "a drone strike", "strikes on Kharkiv",
    "struck Khan Younis" (a walk-out is "a strike by dockers", "a strike over pay", "workers
    struck")."""
    if strike.pos_ == "VERB":  # "struck Khan Younis", "Israeli warplanes struck"
        return strike.lemma_.lower() == "strike" and any(
            c.dep_ == "dobj" or (c.dep_ == "nsubj" and _in_class(c, "forces"))
            for c in strike.children
        )
    if strike.pos_ not in {"NOUN", "PROPN"}:
        return False
    targets = [
        obj
        for prep in strike.children
        if prep.dep_ == "prep" and prep.lower_ == "on"
        for obj in prep.children
        if obj.dep_ == "pobj" and obj.ent_type_ not in {"DATE", "TIME"}
    ]  # "strikes on Kharkiv", not "a strike on Monday"
    return bool(targets) or any(w.lower_ in WORDS["military_strike"] for w in _modifiers(strike))


def _to_help(verb: Token) -> bool:
    """Whether forces are sent to help: "dispatched soldiers to help contain the fires"."""
    return any(
        c.dep_ in {"advcl", "xcomp"}
        and c.lemma_.lower() in WORDS["help_purposes"]
        and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
        for c in verb.children
    )


def code(trigger: Trigger, others: list[Trigger]) -> Coded | None:
    """The event a top-level trigger stands for, after commitments and negation."""
    token = trigger.token
    anchor = _anchor(token)
    embedded = _embedded(trigger, others)
    kind, mode = trigger.type, trigger.pattern.mode
    if (
        kind == "THREATEN"
        and token.lemma_ == "warn"
        and any(c.dep_ == "xcomp" for c in token.children)
    ):
        kind = "REQUEST"  # "warned Washington to stop": a demand
    if kind == "ASSAULT" and any(
        c.lower_ == "test" and c.dep_ in {"npadvmod", "compound", "advmod"} for c in token.children
    ):
        kind, mode = "MOBILIZE", "weapons"  # "test-fired a missile": a weapons test (codebook)
    if kind == "PROTEST" and anchor.lemma_ in {"lodge", "file", "deliver", "register", "issue"}:
        kind, mode = "ACCUSE", "disapprove"  # a diplomatic protest (manual, PROTEST)
    if kind == "COMMIT":
        inner = embedded.type if embedded else None
        if embedded is not None and _ended(embedded.token, token):
            inner = None  # "committed to a halt to fighting": an end to hostility is agreed
        kind = "THREATEN" if inner in HOSTILE else "AGREE"
        mode = _threatened_mode(embedded) if kind == "THREATEN" and embedded else None
    elif kind == "REJECT" and embedded is not None and embedded.type == "REQUEST":
        # a request refused is refused for what it asked: "turned down a request from
        # Ukraine for Iron Dome systems"
        mode = "assist" if _asks_for_help(embedded.token) else embedded.pattern.mode
    elif kind in {"THREATEN", "REJECT"} and embedded is not None:
        mode = _threatened_mode(embedded) if kind == "THREATEN" else _asked_mode(embedded)
    elif kind == "THREATEN" and mode is None and _of_force(token):
        mode = "violence"  # "warned Finland of military consequences"
    elif kind == "REQUEST" and embedded is not None:
        mode = _asked_mode(embedded, "change")
    elif mode is None and _asks_for_help(
        token if kind == "REQUEST" else trigger.object if kind == "REJECT" else None
    ):
        # "asked Germany for more air defence systems", "turned down a request from Ukraine
        # for Iron Dome systems" (manual, REQUEST and REJECT assist)
        mode = "assist"
    if (
        mode == "arrest"
        and _in_class(trigger.object, "warrant")
        and any(t.lower_ == "absentia" for t in anchor.subtree)
    ):
        kind = "THREATEN"  # a warrant in absentia threatens an arrest not made (manual)
    if kind == "CONSULT" and any(
        t.lemma_.lower() in {"phone", "telephone", "videoconference", "video", "videolink"}
        and t.head.dep_ in {"prep", "agent"}
        for t in token.subtree
    ):
        mode = "phone"  # "spoke by phone", "talked over a video link"
    if (
        (kind, mode) in {("PROTEST", "strike"), ("ASSAULT", None)}
        and token.lemma_.lower() == "strike"
        and _military_strike(token)
    ):
        # "Russian air strikes on Kharkiv"
        aerial = any(w.lower_ in {"air", "aerial"} for w in _modifiers(token))
        kind, mode = "ASSAULT", "aerial" if aerial else None
    if kind in _MODES_BY_MEANS:
        mode = _mode_by_means(kind, token, anchor, trigger.object) or mode
    if kind == "MOBILIZE" and _to_help(anchor):
        kind, mode = "AID", None  # "sent 120 soldiers to Bolivia to help contain the fires"
    coded = Coded(
        trigger=token,
        anchor=anchor,
        type=kind,
        mode=mode,
        embedded=embedded,
        learned=trigger.learned,
    )
    coded.negated = _negated(anchor) and not _occasion(token, anchor)
    coded.future = _commitment(anchor)
    coded.hypothetical = _conditional(anchor)
    if coded.negated and kind in COOPERATIVE:
        coded.type, coded.mode, coded.negated = "REJECT", _request_mode(kind), False
    elif coded.future and kind in COOPERATIVE - {"AGREE"}:
        coded.type, coded.mode = "AGREE", None
    elif (
        (coded.future or coded.hypothetical)
        and kind in HOSTILE - {"THREATEN"}
        and not coded.negated  # "will not attack" rules the act out: no threat
    ):
        coded.type, coded.mode = "THREATEN", _threat_mode(kind)
    elif kind == "REJECT" and not coded.negated and _on_condition(anchor):
        # "would walk away from the talks if the rhetoric continued": a threat
        coded.type, coded.mode = "THREATEN", None
    coded.actor_heads = actor_heads(token, anchor)
    if coded.type in {"ASSAULT", "COERCE"} and any(
        h.lemma_.lower() in WORDS["rioters"] for h in coded.actor_heads
    ):
        coded.type, coded.mode = "PROTEST", "riot"  # "rioters torched shops" (manual, riot)
    obj = trigger.object
    moved = next((c for c in anchor.children if c.dep_ == "nsubjpass"), None)
    if (
        not coded.actor_heads
        and moved is not None
        and coded.type in {"MOBILIZE", "RETREAT"}
        and _in_class(moved, "forces")
    ):
        # "Russian troops have been stationed at the border", "front-line units were put on
        # alert": the troops' side mobilizes.
        coded.actor_heads = [moved]
        obj = None if obj is not None and obj.i == moved.i else obj
    if obj is not None and obj.i == getattr(_act_subject(anchor), "i", None):
        # what was sent is no recipient; where it went is: "a convoy reached El Fasher"
        obj = next((c for c in anchor.children if c.dep_ == "dobj"), None)
    named, places = _recipient_candidates(coded, obj)
    if embedded is not None and coded.type != "ACCUSE":  # the accused is not the victim
        embedded_coded = Coded(
            trigger=embedded.token,
            anchor=_anchor(embedded.token),
            type=embedded.type,
            mode=embedded.pattern.mode,
        )
        # whom the embedded act names comes before where either happened: "the junta in
        # Mali refused to release the detained Ivorian soldiers"
        embedded_named, embedded_places = _recipient_candidates(embedded_coded, embedded.object)
        named, places = [*named, *embedded_named], [*places, *embedded_places]
    coded.recipient_heads = [*named, *places]
    return coded


def _root(token: Token) -> int:
    while token.head.i != token.i:
        token = token.head
    return token.i


def _light(trigger: Trigger) -> bool:
    """A learned trigger that is a light verb ("lodge", "stage"; not "call off")."""
    token = trigger.token
    return (
        trigger.learned
        and token.lemma_.lower() in WORDS["light_verbs"]
        and not any(c.dep_ == "prt" for c in token.children)
    )


def _orders_an_act(trigger: Trigger, found: list[Trigger]) -> bool:
    """An order whose object is a named act is that act, done by who ordered it: "ordered
    the deployment of troops", "the arrest of X was ordered by the court"."""
    token = trigger.token
    return (
        trigger.type == "REQUEST"
        and token.lemma_.lower() == "order"
        and any(
            o.token.head.i == token.i
            and o.token.dep_ in {"dobj", "nsubjpass"}
            and o.token.pos_ == "NOUN"
            for o in found
        )
    )


def _demanded(token: Token) -> bool:
    """Whether the act is one someone must or should do: "Sudan must return the helicopter"."""
    return bool(_auxiliaries(_anchor(token)) & {"must", "should"})


def fallback(near: Iterable[Trigger]) -> list[Coded]:
    """The events of a sentence in which nothing was coded, from the model's candidates in
    it below its adding threshold (``near``, of ``triggers``), the most probable first: a
    sentence of news that the hand lists miss is more likely to report an act than one of
    them is to be wrong."""
    found = sorted(near, key=lambda t: -t.probability)
    coded = (
        code(t, [t])
        for t in found
        if not background(t.token, {t.token.i}) and not _demanded(t.token)
    )
    return [c for c in coded if c is not None]


def main_events(
    doc: Doc, skip: Iterable[int] = (), near: list[Trigger] | None = None
) -> list[Coded]:
    """The events of each sentence that no other event of the sentence governs; the model's
    near misses into ``near`` (see ``triggers``)."""
    found = triggers(doc, skip, near)
    # A light verb the model adds defers to a hand-written trigger it governs: "lodged a
    # protest", "staged a rally" are the protest's and the rally's events.
    found = [
        t
        for t in found
        if not (_light(t) and any(_dominates(t, o) for o in found)) and not _orders_an_act(t, found)
    ]
    at = {t.token.i for t in found}
    # A trigger governs or embeds only triggers below it: each is compared with those of its
    # own tree, not with all of the document's.
    trees: dict[int, list[Trigger]] = {}
    for trigger in found:
        trees.setdefault(_root(trigger.token), []).append(trigger)
    tree_of = {id(t): tree for tree in trees.values() for t in tree}
    # the triggers some other trigger takes as its content, by identity (computed once:
    # per trigger it would be cubic in the triggers of a tree)
    embedded = {
        id(e) for e in (_embedded(other, tree_of[id(other)]) for other in found) if e is not None
    }
    events = []
    for trigger in found:
        tree = tree_of[id(trigger)]
        if any(_dominates(other, trigger) for other in tree if other.token.i != trigger.token.i):
            continue
        if id(trigger) in embedded:
            continue
        if background(trigger.token, at):
            continue
        if _demanded(trigger.token):
            continue  # a demand; the statement it is part of makes it a REQUEST
        token = trigger.token
        if (
            trigger.type == "CONSULT"
            and any(c.dep_ == "auxpass" for c in token.children)
            and not any(c.dep_ == "agent" for c in token.children)
        ):
            continue  # "it would be met with a united response": not a meeting
        realised = (
            trigger.token.dep_ == "dobj" and trigger.token.head.lemma_ in WORDS["light_verbs"]
        )
        if (
            trigger.token.pos_ in {"NOUN", "PROPN"}
            and not realised
            and any(c.lower_ in WORDS["unreal"] for c in trigger.token.children)
        ):
            continue  # "a potential invasion"; but "mounted its long-threatened invasion"
        coded = code(trigger, tree)
        if coded is not None:
            events.append(coded)
    return events
