"""The records' JSON form: derived from their fields, in field order."""

from __future__ import annotations

import json
from dataclasses import fields

from communique.records import Actor, Document, Event, Failure, Omission, Span, Statement

CUE, QUOTE = Span(10, 14, "said"), Span(20, 31, "“We agree.”")


def test_a_statement_is_its_fields_in_order_with_spans_as_dicts() -> None:
    statement = Statement("d:s1", "d", "direct", CUE, [QUOTE], None, "d:a1", confidence=0.87654)
    assert json.dumps(statement.to_dict(), ensure_ascii=False) == (
        '{"id": "d:s1", "doc_id": "d", "kind": "direct", '
        '"cue": {"start": 10, "end": 14, "text": "said"}, '
        '"content": [{"start": 20, "end": 31, "text": "“We agree.”"}], "source": null, '
        '"speaker": "d:a1", "addressee": null, "via": null, "topics": [], '
        '"confidence": 0.877, "cue_class": "speech", "parent": null, "via_actor": null}'
    )


def test_every_record_gives_every_field_as_a_json_value() -> None:
    records = [
        Document("d", "text", published="2022-02-12"),
        Actor("d:a1", "Wang Yi", "person", "CHN", aliases=["Wang"], mentions=[CUE]),
        Event(
            "d:e1", "d", "CONSULT", "phone", [], ["d:a1"], [], None, False, False, False, CUE, QUOTE
        ),
        Failure("a.txt", "unreadable", 3),
        Omission("d:o1", "d", "d:a2", Span(40, 52, "the Olympics"), QUOTE),
        CUE,
    ]
    for record in records:
        out = record.to_dict()
        assert list(out) == [f.name for f in fields(record)]
        assert json.loads(json.dumps(out)) == out
    assert records[1].to_dict()["mentions"] == [{"start": 10, "end": 14, "text": "said"}]
    assert records[2].to_dict()["trigger"] == CUE.to_dict()
