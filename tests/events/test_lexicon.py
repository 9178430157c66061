"""The coder's reviewable data (events/lexicon.py over data/*.tsv): every type, mode and
context it can give is one the PLOVER 2.0 manual defines, and every object class a trigger
names exists."""

from __future__ import annotations

from communique.events.lexicon import contexts, object_classes, patterns, type_rules

# The manual's mode tables (REQUEST and REJECT share theirs); types without one have none.
MODES: dict[str, set[str]] = {
    kind: set(modes.split())
    for kind, modes in {
        "AGREE": "",
        "CONSULT": "visit third-party multilateral phone",
        "SUPPORT": "",
        "CONCEDE": "",
        "COOPERATE": "",
        "AID": "",
        "RETREAT": "withdraw release disarm ceasefire access resign",
        "REQUEST": "assist change yield meet",
        "ACCUSE": "disapprove investigate allege",
        "REJECT": "assist change yield meet",
        "THREATEN": "restrict arrest relations expel territory violence",
        "PROTEST": "demo riot strike hunger boycott obstruct vandalize",
        "SANCTION": "convict expel withdraw discontinue",
        "MOBILIZE": "troops weapons police militia",
        "COERCE": "seize restrict censor curfew martial-law arrest deport withhold "
        "misinformation cyber",
        "ASSAULT": "abduct beat torture sexual targeted destroy primitive firearms explosives "
        "suicide-attack aerial drone heavy-weapons crowd-control unconventional",
    }.items()
}
# The manual's general contexts.
_CONTEXTS = """military intelligence executive legislative election political_institutions
pro_democracy pro_autocracy economic legal reparations human_rights rights_freedoms repression
human_security gender lgbt religion_ethnicity inequality diplomatic territory peacekeeping health
asylum migration disasters natural_resource environment technology terrorism cbrn cyber
misinformation crime corruption illegal_drugs trafficking"""
CONTEXTS = set(_CONTEXTS.split())


def test_trigger_types_modes_and_object_classes() -> None:
    classes = object_classes()
    wrong = [
        (p.words, p.type, p.mode, p.object_class)
        for rows in patterns().values()
        for p in rows
        if (p.type not in MODES and p.type != "COMMIT")  # COMMIT: AGREE or THREATEN
        or (p.mode is not None and p.mode not in MODES.get(p.type, set()))
        or (
            p.object_class is not None
            and p.object_class not in classes
            and not (p.object_class.startswith("=") and len(p.object_class) > 1)  # words
        )
    ]
    assert wrong == []


def test_embedded_modes_and_recipient_rules() -> None:
    rules = type_rules()
    assert set(rules) <= set(MODES)
    for kind, (_, threat_mode, request_mode) in rules.items():
        assert threat_mode is None or threat_mode in MODES["THREATEN"], kind
        assert request_mode is None or request_mode in MODES["REQUEST"], kind


def test_contexts_are_plovers() -> None:
    assert {name for name, _ in contexts()} <= CONTEXTS
