"""Records of a fixed set of texts, written and compared: proof that a change kept them.

    .venv/bin/python benchmarks/records.py write before.jsonl      # on the old code
    .venv/bin/python benchmarks/records.py write after.jsonl       # on the new code
    .venv/bin/python benchmarks/records.py compare before.jsonl after.jsonl

The texts: the 840 PolNeAR train articles (``../shared/data/polnear/train/text``),
the texts in ``examples/`` and the seed article (``../shared/seed/article.txt``),
each with a publication date so that dates are resolved. One schema-1 record per
line, keys sorted. ``compare`` says whether the two files are byte for byte the
same and, if not, which documents differ and in which records.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PUBLISHED = "2022-01-28"  # the seed article's date; any fixed date does


def documents() -> Iterator[object]:
    from communique.records import Document

    sources = [
        ("polnear", sorted((SHARED / "data" / "polnear" / "train" / "text").glob("*.txt"))),
        ("examples", sorted((ROOT / "examples").rglob("*.txt"))),
        ("seed", [SHARED / "seed" / "article.txt"]),
    ]
    for name, paths in sources:
        if not paths or not paths[0].is_file():
            print(f"warning: no {name} texts found", file=sys.stderr)
        for path in paths:
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                yield Document(id=f"{name}/{path.stem}", text=text, published=PUBLISHED)


def write(out: Path) -> None:
    from communique.pipeline import process

    failures: list[object] = []
    count = 0
    with out.open("w", encoding="utf-8") as file:
        for _, record in process(documents(), on_failure=failures.append):
            file.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote {count} records to {out}; {len(failures)} failures")
    for failure in failures:
        print(f"  {failure}")


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if left == right:
        print(f"identical: {len(left)} records")
        return 0
    ids_a = [json.loads(line)["doc_id"] for line in left]
    ids_b = [json.loads(line)["doc_id"] for line in right]
    if ids_a != ids_b:
        print(f"documents differ: {sorted(set(ids_a) ^ set(ids_b))[:20]}")
    differ = 0
    for line_a, line_b in zip(left, right, strict=False):
        if line_a == line_b:
            continue
        differ += 1
        ra, rb = json.loads(line_a), json.loads(line_b)
        parts = [k for k in ("statements", "actors", "events", "text") if ra[k] != rb[k]]
        if differ <= 20:
            print(f"{ra['doc_id']}: {', '.join(parts)} differ")
    print(f"{differ} of {len(left)} records differ")
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("write").add_argument("out", type=Path)
    both = commands.add_parser("compare")
    both.add_argument("a", type=Path)
    both.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
