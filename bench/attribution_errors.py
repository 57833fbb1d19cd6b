"""Error classes of predicted attributions against PolNeAR gold, with examples.

    .venv/bin/according eval polnear ../shared/data/polnear/dev --out /tmp/dev.jsonl
    .venv/bin/python bench/attribution_errors.py ../shared/data/polnear/dev /tmp/dev.jsonl

Each predicted attribution is put in one class: ``ok`` (source, cue and content overlap
one gold attribution), ``cue not in gold`` (its cue overlaps no gold cue), ``content
wrong``, ``source wrong``, ``source missing`` or ``source and content wrong``. Gold
attributions that no prediction overlaps by content are counted as ``missed``, by the
words of their cue.

Where the content overlaps that of the gold attribution the cue matches, its boundary is
classed too: ``exact`` (equal once trimmed as the scorer trims), ``starts early``,
``starts late``, ``ends early``, ``ends late`` (or two of these), or ``parts differ``
(one span against a quotation in two parts, or the other way).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from according.eval.polnear import GoldAttribution, gold_files, read_ann
from according.nlp.attribution.extent import text_key

Spans = list[tuple[int, int]]


def _spans(value: Any) -> Spans:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    return [(int(x["start"]), int(x["end"])) for x in items]


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s < f and r < e for s, e in a for r, f in b)


_TRIM = " \t\n\"'“”‘’.,;:—–-()[]"  # what eval/polnear_score.py trims before comparing


def _trimmed(text: str, spans: Spans) -> Spans:
    return list(text_key(text, spans, _TRIM))


def boundary(text: str, pred: Spans, gold: Spans) -> str:
    """How a predicted content's extent differs from the gold one it overlaps."""
    p, g = _trimmed(text, pred), _trimmed(text, gold)
    if p == g:
        return "exact"
    if len(p) != len(g) or not p:
        return "parts differ"
    start = p[0][0] - g[0][0]
    end = p[-1][1] - g[-1][1]
    out = []
    if start:
        out.append("starts early" if start < 0 else "starts late")
    if end:
        out.append("ends early" if end < 0 else "ends late")
    return ", ".join(out) or "parts differ"


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


def _print_classes(counts: Counter[str], examples: dict[str, list[str]]) -> None:
    total = sum(counts.values())
    for kind, n in counts.most_common():
        print(f"  {kind:26} {n:5}  {n / total:6.1%}")
        for example in examples[kind]:
            print(f"      {example}")


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
    bounds: Counter[str] = Counter()
    bound_examples: dict[str, list[str]] = defaultdict(list)
    for text_path, ann in gold_files(args.gold_dir):
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann)
        predicted = [
            {role: _spans(a.get(role)) for role in ("source", "cue", "content")}
            for a in preds.get(text_path.stem, [])
        ]
        for p in predicted:
            matched = [
                g
                for g in gold
                if g.get("cue")
                and _overlap(p["cue"], g["cue"])
                and _overlap(p["content"], g.get("content", []))
            ]
            if matched:
                how = boundary(text, p["content"], matched[0]["content"])
                bounds[how] += 1
                if how != "exact" and len(bound_examples[how]) < args.examples:
                    said = " | ".join(text[a:b] for a, b in p["content"])
                    gold_said = " | ".join(text[a:b] for a, b in matched[0]["content"])
                    bound_examples[how].append(f"{said[:110]!r}\n        gold {gold_said[:110]!r}")
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
    print(f"{sum(classes.values())} predicted attributions")
    _print_classes(classes, examples)
    print(
        f"{sum(bounds.values())} contents overlapping the gold of the cue they have; their extent:"
    )
    _print_classes(bounds, bound_examples)
    print(f"{sum(missed.values())} gold attributions missed; commonest cues:")
    print("  " + ", ".join(f"{cue!r} {n}" for cue, n in missed.most_common(15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
