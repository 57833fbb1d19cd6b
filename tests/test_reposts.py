"""Repost clusters: signatures and verification, the store's incremental clusters on every
backend, the demo's cluster end to end, and pairwise precision and recall on synthetic
copies of the PolNeAR dev articles."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from according.boilerplate import mark_boilerplate
from according.cli import app
from according.ingest.text import date_in_name
from according.ledger import reposts
from according.ledger.reposts import Member, choose_original, compare, shingles, signature
from according.records import Document, Ledger
from according.store import Store
from according.store.schema import (
    REPOST_TABLES,
    SCHEMA_VERSION,
    meta,
    repost_links,
)
from conftest import DEMO, Ingested, shared_path
from synthetic import CopyStyle, make_copies, make_copy, paragraphs

pytest_plugins = ["store_fixtures"]

# --- texts written for these tests ----------------------------------------------------

FLOOD = """Flood waters reach Avalon

AVALON, May 2 — The river burst its banks before dawn on Thursday, flooding the lower town and cutting the only road to the hospital, the mayor's office said.

Mayor Lena Ortiz told River Radio that 12 people had died and about 300 residents were moved to the school gymnasium on the hill. "We had no warning from the dam operators," she said.

Rescue crews in boats searched the market district through the morning. A spokesman for the fire brigade said four children were pulled from the roof of a bakery.

The regional weather service said rainfall in the valley was the heaviest recorded in forty years, and warned that a second crest could arrive by Saturday.

Farmers east of the river reported that whole orchards were under water and that cattle had been swept away near the old mill.

The governor promised emergency funds and said engineers would inspect the embankment once the water falls.
"""

# the same event, written by another outlet: same names and numbers, other words
FLOOD_OTHER = """Avalon counts its dead as river recedes

Twelve people were killed when the river overran Avalon's lower districts early on Thursday, officials confirmed, as families returned to mud-filled homes.

Speaking to River Radio, Lena Ortiz, the town's mayor, blamed the dam operators for giving no alert. Around 300 people spent the night in a school on higher ground.

Firefighters rescued four children stranded on a bakery roof, according to their commander, while volunteers in kayaks checked flooded streets near the market.

Forecasters expect more heavy rain this weekend. The governor has pledged money for repairs, and inspectors will examine the damaged embankment.
"""


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def prose(seed: int, paragraphs_: int = 1, words: int = 60) -> str:
    """Made-up words (three letter pairs each), ``paragraphs_`` paragraphs of ``words``."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(_word(rng) for _ in range(words)) + "." for _ in range(paragraphs_))


def ledger(
    doc_id: str,
    body: str,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    site: str | None = None,
) -> Ledger:
    document = Document(id=doc_id, text=body, url=url, published=published, site=site)
    return Ledger(mark_boilerplate(document))


def doc_ids(cluster: reposts.Cluster | None) -> set[str]:
    return set() if cluster is None else {m.doc_id for m in cluster.members}


# --- signatures and verification --------------------------------------------------------


def test_words_are_normalised() -> None:
    assert reposts.words("The 1,400 Hostages, and FOUR of them freed!") == [
        "1400",
        "hostage",
        "4",
        "freed",
    ]
    # reworded possessives make the same (unordered) pair
    assert shingles("the dam's canteen") == shingles("the canteen of the dam") == {"canteen dam"}


def test_signatures_are_deterministic_and_round_trip() -> None:
    a, b = signature(FLOOD), signature(FLOOD)
    assert a.to_bytes() == b.to_bytes()
    assert len(a.to_bytes()) == 4 * reposts.NUM_PERM
    again = reposts.Signature.from_bytes(a.to_bytes(), a.shingles)
    assert np.array_equal(again.values, a.values) and again.shingles == a.shingles
    bands = a.bands()
    assert len(bands) == reposts.BANDS == len(set(bands))
    assert all(-(2**63) <= h < 2**63 for h in bands)
    assert bands == b.bands()


def test_estimated_jaccard_is_close_to_the_exact_one() -> None:
    base = prose(1, 10)
    for n in (2, 5, 8):
        other = "\n\n".join(paragraphs(base)[:n] + paragraphs(prose(2, 10))[n:])
        x, y = shingles(base), shingles(other)
        exact = len(x & y) / len(x | y)
        assert abs(compare(signature(base), signature(other)).jaccard - exact) < 0.15


def test_copies_are_reposts() -> None:
    original = signature(FLOOD)
    paras = paragraphs(FLOOD)
    reordered = "\n\n".join([paras[0], *reversed(paras[1:])])
    furnished = FLOOD + "\nShare this:\nSource link\nLeave a Comment\n"
    dropped = "\n\n".join(paras[:2] + paras[3:-1])
    reworded = FLOOD.replace("said", "stated").replace("told", "informed")
    for body in (reordered, furnished, dropped, reworded):
        match = compare(original, signature(mark_boilerplate(Document("x", body)).analysed_text))
        assert match.repost, (body[:60], match)
        assert match.jaccard >= 0.5


def test_an_excerpt_joins_by_containment() -> None:
    article = prose(3, 12)
    excerpt = "\n\n".join(paragraphs(article)[:3])  # a quarter of it
    match = compare(signature(article), signature(excerpt))
    assert match.jaccard < reposts.MIN_JACCARD
    assert match.containment >= reposts.MIN_CONTAINMENT and match.repost


def test_another_article_on_the_same_event_is_not_a_repost() -> None:
    match = compare(signature(FLOOD), signature(FLOOD_OTHER))
    assert not match.repost and match.jaccard < 0.15


def test_short_or_empty_texts_are_never_reposts() -> None:
    assert not compare(signature("Flood in Avalon."), signature("Flood in Avalon.")).repost
    empty = signature("   \n  ")
    assert empty.shingles == 0 and empty.bands() == []
    assert not compare(empty, empty).repost


def test_choose_original() -> None:
    def member(i: int, day: int | None, url: str | None = None) -> Member:
        published = dt.date(2024, 5, day) if day else None
        return Member(i, f"d{i}", url=url, published=published)

    never = lambda m: False  # noqa: E731
    # earliest published
    assert choose_original([member(1, 3), member(2, 2), member(3, 4)], never).id == 2
    # a tie: the one another member links to, else the first ingested
    tied = [member(1, 2, "https://a.test/1"), member(2, 2, "https://b.test/2"), member(3, 5)]
    assert choose_original(tied, lambda m: m.id == 2).id == 2
    assert choose_original(tied, never).id == 1
    # no dates: linked, else first ingested; a later-dated member never wins a link
    undated = [member(4, None, "https://a.test/4"), member(5, None, "https://b.test/5")]
    assert choose_original(undated, lambda m: m.id == 5).id == 5
    assert choose_original(undated, never).id == 4
    assert choose_original([member(6, 9, "u"), member(7, 1)], lambda m: m.id == 6).id == 7
    assert reposts.url_needle("https://www.News.test/a/b/") == "News.test/a/b"


def test_synthetic_copies_are_deterministic() -> None:
    first = list(make_copies(FLOOD, 3, seed="flood"))
    assert first == list(make_copies(FLOOD, 3, seed="flood"))
    assert len(set(first)) == 3
    copy = make_copy(FLOOD, random.Random(1), CopyStyle(drop=0.0, moves=0, reword=0.0))
    assert all(p in copy for p in paragraphs(FLOOD))


# --- the store, on every backend ----------------------------------------------------------

ARTICLE = prose(10, 8)
PARAS = paragraphs(ARTICLE)


def copy_of(paras: list[str], *extra: str) -> str:
    return "\n\n".join([*paras, *extra])


def repost_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in REPOST_TABLES
        }


def test_clusters_grow_as_copies_arrive(store: Store) -> None:
    day = dt.date(2024, 5, 2)
    store.save(ledger("copy-b", copy_of(PARAS[::-1], "Source link"), published=day), "1")
    store.save(ledger("other", prose(11, 8), published=day), "2")
    assert store.clusters() == []
    assert store.cluster_of("copy-b") is None
    # the original arrives after a copy, dated a day earlier: it becomes the original
    store.save(ledger("original", ARTICLE, published=day - dt.timedelta(days=1)), "3")
    [cluster] = store.clusters()
    assert cluster.original.doc_id == "original"
    assert [m.doc_id for m in cluster.copies] == ["copy-b"]
    store.save(ledger("copy-a", copy_of(PARAS[:6], "Leave a Comment"), published=day), "4")
    [cluster] = store.clusters()
    assert cluster.original.doc_id == "original"
    assert doc_ids(cluster) == {"original", "copy-a", "copy-b"}
    assert doc_ids(store.cluster_of("copy-a")) == doc_ids(cluster)
    assert store.cluster_of("other") is None and store.cluster_of("nothing") is None
    assert cluster.to_json() == {
        "original": "original",
        "members": ["original", "copy-b", "copy-a"],
    }
    assert store.originals() == {d: "original" for d in ("original", "copy-a", "copy-b")}
    stats = store.stats()
    assert (stats.repost_clusters, stats.reposts) == (1, 2)
    assert doc_ids(stats.top_clusters[0]) == doc_ids(cluster)
    counts = repost_counts(store)
    assert counts["repost_signatures"] == 4
    assert counts["repost_bands"] == 4 * reposts.BANDS
    assert counts["repost_members"] == 3


def test_a_bridging_document_merges_clusters_and_its_removal_splits_them(store: Store) -> None:
    left, right = prose(20, 3), prose(21, 3)
    bridge = copy_of(paragraphs(left)[1:] + paragraphs(right)[:2])
    store.save(ledger("left", left, url="https://l.test/left"), "1")
    store.save(ledger("right", right, url="https://r.test/right"), "2")
    store.save(ledger("left-copy", copy_of(paragraphs(left), "Share this:")), "3")
    store.save(ledger("right-copy", copy_of(paragraphs(right)[::-1])), "4")
    assert sorted(len(c.members) for c in store.clusters()) == [2, 2]
    store.save(ledger("bridge", bridge, url="https://b.test/bridge"), "5")
    [merged] = store.clusters()
    assert doc_ids(merged) == {"left", "right", "left-copy", "right-copy", "bridge"}
    assert merged.original.doc_id == "left"  # no dates, no links: the first ingested
    # the bridge changes (same URL): it leaves, and the cluster splits in two again
    store.save(ledger("bridge", prose(22, 3), url="https://b.test/bridge"), "6")
    assert sorted(doc_ids(c) for c in store.clusters()) == sorted(
        [{"left", "left-copy"}, {"right", "right-copy"}], key=sorted
    )
    store.save(ledger("bridge", bridge, url="https://b.test/bridge"), "7")
    assert len(store.clusters()) == 1
    # deleting it splits them too, and its rows go
    assert store.delete("bridge")
    assert not store.delete("bridge")
    assert len(store.clusters()) == 2
    counts = repost_counts(store)
    assert counts["repost_signatures"] == 4 and counts["repost_members"] == 4


def test_reingest_changes_nothing_and_replacing_moves_the_document(store: Store) -> None:
    url = "https://news.test/story"
    store.save(ledger("story", ARTICLE, url=url), "1")
    store.save(ledger("copy", copy_of(PARAS[2:])), "2")
    before = (repost_counts(store), store.clusters())
    assert store.save(ledger("story", ARTICLE, url=url), "1") == "unchanged"
    # replaced with the same text: the same cluster, no duplicate rows
    assert store.save(ledger("story", ARTICLE, url=url), "1b") == "replaced"
    assert (repost_counts(store), store.clusters()) == before
    # replaced with another text: it leaves the cluster, which has one member left
    assert store.save(ledger("story", prose(30, 8), url=url), "2") == "replaced"
    assert store.clusters() == [] and store.cluster_of("copy") is None
    assert repost_counts(store)["repost_links"] == 0
    # and back
    store.save(ledger("story", ARTICLE, url=url), "3")
    assert doc_ids(store.cluster_of(url)) == {"story", "copy"}
    with store.engine.connect() as conn:
        links = conn.execute(select(repost_links.c.a, repost_links.c.b)).all()
    assert len(links) == len(set(links)) == 1


def test_the_original_is_the_one_linked_to_among_same_day_copies(store: Store) -> None:
    day = dt.date(2024, 5, 2)
    source = "https://www.courier.test/news/flood-story"
    store.save(ledger("agg-1", copy_of(PARAS, "Share this:"), published=day,
                      url="https://agg1.test/p/1"), "1")  # fmt: skip
    store.save(ledger("courier", ARTICLE, published=day, url=source), "2")
    store.save(ledger("agg-2", copy_of(PARAS[1:], f"Originally at {source}/"), published=day,
                      url="https://agg2.test/x"), "3")  # fmt: skip
    [cluster] = store.clusters()
    assert cluster.original.doc_id == "courier"
    # an earlier date still wins over a link
    store.save(ledger("early", copy_of(PARAS[:7]), published=day - dt.timedelta(days=1)), "4")
    assert store.clusters()[0].original.doc_id == "early"
    # and when it goes, the linked one is the original again
    store.delete("early")
    assert store.clusters()[0].original.doc_id == "courier"


def test_an_older_store_is_clustered_when_opened(durable_url: str) -> None:
    with Store(durable_url) as store:
        store.save(ledger("original", ARTICLE, published=dt.date(2024, 1, 1)), "1")
        store.save(ledger("copy", copy_of(PARAS[::-1]), published=dt.date(2024, 1, 2)), "2")
        with store.begin() as conn:  # make it a schema 1 store, as before reposts
            for table in reversed(REPOST_TABLES):
                table.drop(conn)
            conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="1"))
    with Store(durable_url) as store:
        [cluster] = store.clusters()
        assert cluster.original.doc_id == "original"
        with store.engine.connect() as conn:
            version = conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
        assert version == str(SCHEMA_VERSION)
        assert repost_counts(store)["repost_signatures"] == 2


def test_copies_saved_at_once_by_two_writers_meet(
    durable_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each writer would otherwise miss the other's uncommitted signature (PostgreSQL)
    import threading
    import time

    from according.store import clusters as clusters_module

    index_document = clusters_module.index_document

    def slow_index(*args: Any, **kwargs: Any) -> None:
        index_document(*args, **kwargs)
        time.sleep(0.3)  # the other writer looks for candidates before this one commits

    monkeypatch.setattr(clusters_module, "index_document", slow_index)
    bodies = [ARTICLE, copy_of(PARAS[::-1], "Source link")]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            with Store(durable_url) as store:
                barrier.wait()
                store.save(ledger(f"doc-{i}", bodies[i]), str(i))
        except BaseException as exc:  # reported below
            errors.append(exc)

    with Store(durable_url):
        pass  # the tables, made once
    threads = [threading.Thread(target=write, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(durable_url) as store:
        [cluster] = store.clusters()
        assert doc_ids(cluster) == {"doc-0", "doc-1"}


def test_a_failed_save_leaves_no_cluster_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from according.errors import StoreError
    from according.store import clusters as clusters_module

    store.save(ledger("original", ARTICLE), "1")
    before = repost_counts(store)

    index_document = clusters_module.index_document

    def broken(*args: Any, **kwargs: Any) -> None:
        # the save fails after the copy's signature, bands and cluster are written
        index_document(*args, **kwargs)
        raise RuntimeError("boom")

    monkeypatch.setattr(clusters_module, "index_document", broken)
    with pytest.raises((RuntimeError, StoreError)):
        store.save(ledger("copy", copy_of(PARAS[1:])), "2")
    assert repost_counts(store) == before
    assert store.get("copy") is None


# --- the CLI and the demo ----------------------------------------------------------------


def test_clusters_command_on_an_empty_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    runner = CliRunner()
    assert json.loads(runner.invoke(app, ["clusters", "--db", db, "--json"]).stdout) == []
    assert "no repost clusters" in runner.invoke(app, ["clusters", "--db", db]).stdout


def test_the_demo_repost_cluster_end_to_end(demo_store: Ingested) -> None:
    db = demo_store.url
    runner = CliRunner()
    assert "Repost clusters (1, 2 copies)" in demo_store.stdout
    result = runner.invoke(app, ["clusters", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    original = str(DEMO / "2026-03-06-highland-courier-four-hostages-freed.txt")
    copies = {
        str(DEMO / "2026-03-07-headlinepulse-repost-four-hostages-freed.txt"),
        str(DEMO / "2026-03-07-dailyworldbrief-repost-four-hostages-freed.html"),
    }
    [cluster] = json.loads(result.stdout)
    assert cluster["original"] == original
    assert cluster["members"][0] == original and set(cluster["members"][1:]) == copies
    table = runner.invoke(app, ["clusters", "--db", db]).stdout
    assert "Daily World Brief" in table and "2026-03-06" in table and "copies" in table


# --- PolNeAR dev: pairwise precision and recall on synthetic copies -----------------------

COPIES_PER_ARTICLE = 3


def polnear_test_set(folder: Path) -> Iterator[tuple[str, Document]]:
    """Each dev article and its synthetic copies (published a day or two later), as
    ``(article, document)`` pairs, in a seeded shuffled order (copies often first)."""
    items: list[tuple[str, Document]] = []
    for path in sorted(folder.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        published = date_in_name(path.name)
        items.append((path.name, Document(id=path.name, text=body, published=published)))
        for k, copy in enumerate(make_copies(body, COPIES_PER_ARTICLE, seed=path.stem)):
            later = published + dt.timedelta(days=1 + k % 2) if published else None
            items.append((path.name, Document(id=f"copy{k}/{path.name}", text=copy,
                                              published=later)))  # fmt: skip
    random.Random(2016).shuffle(items)
    yield from items


@pytest.mark.shared
def test_polnear_dev_reposts_pairwise_precision_and_recall() -> None:
    folder = shared_path("data", "polnear", "dev", "text")
    gold: dict[str, str] = {}
    with Store("sqlite://") as store:
        for article, document in polnear_test_set(folder):
            gold[document.id] = article
            store.save(Ledger(mark_boilerplate(document)), document.id)
        clusters = store.clusters()
    predicted = {m.doc_id: i for i, c in enumerate(clusters) for m in c.members}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same = gold[a] == gold[b]
        together = a in predicted and predicted.get(a) == predicted.get(b)
        tp += same and together
        fp += together and not same
        fn += same and not together
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"{len(gold)} documents: pairwise precision {precision:.4f}, recall {recall:.4f}")
    assert precision >= 0.99 and recall >= 0.99, (precision, recall)  # measured 1.0 and 1.0
    # no two distinct PolNeAR articles share a cluster, and each original is the article
    articles = {name for name in gold if "/" not in name}
    for cluster in clusters:
        assert len({gold[m.doc_id] for m in cluster.members}) == 1
        assert cluster.original.doc_id in articles
