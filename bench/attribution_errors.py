"""Error classes of predicted attributions against PolNeAR gold, with examples.

    .venv/bin/according eval polnear ../shared/data/polnear/dev --out /tmp/dev.jsonl
    .venv/bin/python bench/attribution_errors.py ../shared/data/polnear/dev /tmp/dev.jsonl

Each predicted attribution is put in one class: ``ok`` (source, cue and content overlap
one gold attribution), ``cue not in gold`` (its cue overlaps no gold cue), ``content
wrong``, ``source wrong``, ``source missing`` or ``source and content wrong``. Gold
attributions that no prediction overlaps by content are counted as ``missed``, by the
words of their cue.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from according.eval.polnear import GoldAttribution, gold_files, read_ann

Spans = list[tuple[int, int]]


def _spans(value: Any) -> Spans:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    return [(int(x["start"]), int(x["end"])) for x in items]


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s < f and r < e for s, e in a for r, f in b)


def classify(pred: dict[str, Spans], gold: list[GoldAttribution]) -> str:
    """The error class of one predicted attribution."""
    matches = [g for g in gold if g.get("cue") and _overlap(pred["cue"], g["cue"])]
    if not matches:
        return "cue not in gold"
    g = matches[0]
    content_ok = bool(g.get("content")) and _overlap(pred["content"], g.get("content", []))
    source_ok = not g.get("source") or _overlap(pred["source"], g["source"])
    if content_ok and source_ok:
        return "ok"
    if not content_ok and not source_ok:
        return "source and content wrong"
    if not content_ok:
        return "content wrong"
    return "source wrong" if pred["source"] else "source missing"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("pred_jsonl", type=Path)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    preds = {}
    for line in args.pred_jsonl.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            preds[Path(obj["id"]).stem] = obj["attributions"]
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    missed: Counter[str] = Counter()
    for text_path, ann in gold_files(args.gold_dir):
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann)
        predicted = [
            {role: _spans(a.get(role)) for role in ("source", "cue", "content")}
            for a in preds.get(text_path.stem, [])
        ]
        for p in predicted:
            kind = classify(p, gold)
            classes[kind] += 1
            if kind != "ok" and len(examples[kind]) < args.examples:
                lo = min(s for spans in p.values() for s, _ in spans)
                hi = max(e for spans in p.values() for _, e in spans)
                cue = " ".join(text[s:e] for s, e in p["cue"])
                examples[kind].append(f"[{cue}] {text[lo:hi][:160]!r}")
        for g in gold:
            found = any(_overlap(p["content"], g.get("content", [])) for p in predicted)
            if g.get("content") and not found:
                missed[" ".join(text[s:e] for s, e in g.get("cue", [])).lower()[:30]] += 1
    total = sum(classes.values())
    print(f"{total} predicted attributions")
    for kind, n in classes.most_common():
        print(f"  {kind:26} {n:5}  {n / total:6.1%}")
        for example in examples[kind]:
            print(f"      {example}")
    print(f"{sum(missed.values())} gold attributions missed; commonest cues:")
    print("  " + ", ".join(f"{cue!r} {n}" for cue, n in missed.most_common(15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
