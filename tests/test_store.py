"""The store on every backend: round trip, re-save, replace, failed saves, get, stats."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from according.errors import StoreError
from according.records import Figure, Ledger
from according.store import Store
from according.store import repository as repository_module
from according.store.rows import child_rows
from according.store.schema import CHILD_TABLES, attributions, documents, figures, meta
from store_fixtures import FLOOD, bulk_ledger, flood_ledger, sp, storm_ledger, strike_ledger

# the fixtures: store, store_url (every backend), durable_url (file and PostgreSQL)
pytest_plugins = ["store_fixtures"]


def row_counts(s: Store) -> dict[str, int]:
    with s.engine.connect() as conn:
        return {
            t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in (documents, *CHILD_TABLES)
        }


def ingested_at(s: Store) -> list[dt.datetime]:
    return [row.ingested_at for row in s.documents()]


def expected_counts(*ledgers: Ledger) -> dict[str, int]:
    return {
        "documents": len(ledgers),
        "entities": sum(len(x.entities) for x in ledgers),
        "mentions": sum(len(e.mentions) for x in ledgers for e in x.entities),
        "attributions": sum(len(x.attributions) for x in ledgers),
        "figures": sum(len(x.figures) for x in ledgers),
        "dates": sum(len(x.dates) for x in ledgers),
    }


EMPTY = dict.fromkeys(("documents", "entities", "mentions", "attributions", "figures", "dates"), 0)


# --- round trip, re-save, replace ------------------------------------------------------


def test_round_trip(store: Store) -> None:
    ledger = flood_ledger()
    assert store.save(ledger, "hash-1") == "added"
    back = store.get("reports/flood.txt")
    assert back == ledger
    assert back is not None and back.to_json() == ledger.to_json()
    assert back.attributions[0].content == ledger.attributions[0].content  # interrupted quote
    assert back.extra == {"model": "test-1"}
    assert row_counts(store) == expected_counts(ledger)


def test_child_rows_hold_the_records(store: Store) -> None:
    store.save(flood_ledger(), "h")
    with store.engine.connect() as conn:
        figure = conn.execute(select(figures).where(figures.c.fid == "F2")).one()
        attribution = conn.execute(select(attributions).where(attributions.c.aid == "A1")).one()
    start = FLOOD.index("300")
    assert figure.measure == "evacuated" and figure.value == 300 and figure.low == 300
    assert (figure.number_start, figure.number_end, figure.number_text) == (start, start + 3, "300")
    assert figure.attributed_entity == "E1" and figure.attributed_attribution == "A2"
    assert attribution.speaker == "E1" and attribution.medium == "River Radio"
    assert attribution.cue_text == "told"
    assert [c["text"] for c in attribution.content] == [
        "The water rose in minutes,",
        "and we had no warning.",
    ]


def test_ingested_at_is_timezone_aware(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    store.save(flood_ledger(), "h")
    (when,) = ingested_at(store)
    assert when.tzinfo is not None
    assert before - dt.timedelta(seconds=5) <= when <= dt.datetime.now(dt.UTC)


def test_resave_is_unchanged(store: Store) -> None:
    ledger = flood_ledger()
    assert store.save(ledger, "hash-1") == "added"
    counts, when = row_counts(store), ingested_at(store)
    assert store.stored_as(ledger.document.key) == (ledger.document.id, "hash-1")
    assert store.stored_as("url:https://elsewhere.test/") is None
    assert store.save(ledger, "hash-1") == "unchanged"
    assert row_counts(store) == counts
    assert ingested_at(store) == when


def test_replace_keeps_the_id_and_rewrites_the_records(store: Store) -> None:
    first = flood_ledger()
    store.save(first, "hash-1")
    store.save(strike_ledger(), "hash-s")
    (old_id,) = [r.id for r in store.documents() if r.doc_id == "reports/flood.txt"]
    new_text = FLOOD.replace("the flood", "the drowning flood")
    second = flood_ledger(text=new_text, doc_id="reports/flood-v2.txt", title="Flood: 12 dead")
    second = dataclasses.replace(second, figures=second.figures[1:], dates=())
    assert store.save(second, "hash-2") == "replaced"
    assert row_counts(store) == expected_counts(second, strike_ledger())
    assert [r.id for r in store.documents() if r.doc_id == "reports/flood-v2.txt"] == [old_id]
    assert store.get("https://news.test/avalon-flood") == second
    assert store.get("reports/flood.txt") is None  # the row now carries the new doc_id
    # the full-text index follows the text
    assert [h.id for h in store.search("drowned")] == [old_id]
    assert store.search("twelve") == []  # the old title
    # the other document is untouched
    assert store.get("https://news.test/strike") == strike_ledger()


def test_replace_updates_ingested_at(store: Store) -> None:
    store.save(flood_ledger(), "hash-1")
    (first,) = ingested_at(store)
    store.save(flood_ledger(title="Changed"), "hash-2")
    (second,) = ingested_at(store)
    assert second >= first


def test_same_text_without_url_is_one_document(store: Store) -> None:
    a = storm_ledger(doc_id="inbox/storm.txt")
    b = storm_ledger(doc_id="archive/storm-copy.txt")
    assert a.document.key == b.document.key and a.document.key.startswith("sha256:")
    assert store.save(a, "same") == "added"
    assert store.save(b, "same") == "unchanged"
    assert store.save(b, "other") == "replaced"
    assert row_counts(store)["documents"] == 1
    assert store.get(a.document.key) == b


def test_different_texts_without_url_are_two_documents(store: Store) -> None:
    store.save(storm_ledger(), "h")
    other = storm_ledger()
    other = dataclasses.replace(
        other, document=dataclasses.replace(other.document, text="Another storm.")
    )
    assert store.save(other, "h") == "added"
    assert row_counts(store)["documents"] == 2


# --- failures leave no trace -----------------------------------------------------------


def with_duplicate_figure(ledger: Ledger) -> Ledger:
    twin = dataclasses.replace(ledger.figures[-1], value=99)
    return dataclasses.replace(ledger, figures=(*ledger.figures, twin))


def test_failed_add_leaves_no_trace(store: Store) -> None:
    bad = with_duplicate_figure(flood_ledger())
    with pytest.raises(StoreError, match=r"reports/flood.txt: cannot save"):
        store.save(bad, "h")
    assert row_counts(store) == EMPTY
    assert store.search("flood") == []
    assert store.get("reports/flood.txt") is None
    # and the store takes the good version afterwards
    assert store.save(flood_ledger(), "h") == "added"


def test_failed_replace_keeps_the_earlier_content(store: Store) -> None:
    first = flood_ledger()
    store.save(first, "hash-1")
    counts, when = row_counts(store), ingested_at(store)
    bad = with_duplicate_figure(flood_ledger(text=FLOOD.replace("flood", "deluge")))
    with pytest.raises(StoreError):
        store.save(bad, "hash-2")
    assert row_counts(store) == counts
    assert ingested_at(store) == when
    assert store.get("reports/flood.txt") == first
    assert store.stored_as(first.document.key) == (first.document.id, "hash-1")
    assert store.search("deluge") == []
    assert len(store.search("flood")) == 1


def test_a_check_constraint_failure_midway_rolls_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = flood_ledger()
    store.save(first, "hash-1")
    counts = row_counts(store)

    def broken(ledger: Ledger, document_id: int) -> dict[str, list[dict[str, Any]]]:
        rows = child_rows(ledger, document_id)
        rows["dates"] = [{**rows["dates"][0], "start": 10, "end": 2}]  # start > end
        return rows

    monkeypatch.setattr(repository_module, "child_rows", broken)
    with pytest.raises(StoreError):
        store.save(flood_ledger(title="New title"), "hash-2")
    assert row_counts(store) == counts
    assert store.get("reports/flood.txt") == first


def test_an_exception_midway_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first = flood_ledger()
    store.save(first, "hash-1")
    counts = row_counts(store)

    def boom(ledger: Ledger, document_id: int) -> dict[str, list[dict[str, Any]]]:
        raise RuntimeError("boom")  # after the document row was rewritten

    monkeypatch.setattr(repository_module, "child_rows", boom)
    with pytest.raises(RuntimeError, match="boom"):
        store.save(flood_ledger(title="New title"), "hash-2")
    with pytest.raises(RuntimeError):
        store.save(strike_ledger(), "hash-s")
    monkeypatch.undo()
    assert row_counts(store) == counts
    assert store.get("reports/flood.txt") == first
    assert store.save(strike_ledger(), "hash-s") == "added"


# --- reading ---------------------------------------------------------------------------


def test_get_by_each_kind_of_ref(store: Store) -> None:
    ledger = flood_ledger()
    store.save(strike_ledger(), "s")
    store.save(ledger, "h")
    (row,) = [r for r in store.documents() if r.doc_id == "reports/flood.txt"]
    for ref in ("reports/flood.txt", ledger.document.key, "https://news.test/avalon-flood",
                str(row.id)):  # fmt: skip
        assert store.get(ref) == ledger, ref
        assert store.id_of(ref) == row.id
    for missing in ("nope.txt", "999999", "url:https://news.test/", "", "12345678901234567890"):
        assert store.get(missing) is None
        assert store.id_of(missing) is None


def test_documents_and_ledgers_list_everything(store: Store) -> None:
    ledgers = [flood_ledger(), strike_ledger(), storm_ledger()]
    for i, ledger in enumerate(ledgers):
        store.save(ledger, str(i))
    rows = list(store.documents())
    assert [r.doc_id for r in rows] == [x.document.id for x in ledgers]
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    assert rows[0].title == "Avalon flood: twelve dead"
    assert rows[0].published == dt.date(2024, 3, 5)
    assert rows[2].url is None
    assert list(store.ledgers()) == ledgers


def test_listing_pages_through_many_documents(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository_module, "_PAGE", 7)
    for i in range(1, 61):
        store.save(bulk_ledger(i, mentions=2, figures=1), str(i))
    # bulk ledgers share 7 URLs: two in three are replacements
    ids = [r.id for r in store.documents()]
    assert len(ids) == len(set(ids)) == row_counts(store)["documents"]
    assert len(list(store.ledgers())) == len(ids)


def test_stats(store: Store) -> None:
    assert store.stats().documents == 0
    assert store.stats().first_published is None
    store.save(flood_ledger(), "1")
    store.save(strike_ledger(), "2")
    store.save(storm_ledger(), "3")
    # another report naming Lena Ortiz, to count her across documents
    other = flood_ledger(url="https://news.test/follow-up", doc_id="follow-up.txt")
    store.save(other, "4")
    stats = store.stats(top=3)
    assert (stats.documents, stats.entities, stats.mentions) == (4, 8, 10)
    assert (stats.attributions, stats.figures, stats.dates) == (8, 8, 3)
    assert stats.figures_by_measure == {
        "evacuated": 2,
        "killed": 2,
        "missing": 2,
        "arrested": 1,
        "injured": 1,
    }
    assert list(stats.figures_by_measure)[:3] == ["evacuated", "killed", "missing"]
    assert stats.first_published == dt.date(2023, 11, 1)
    assert stats.last_published == dt.date(2024, 5, 3)
    assert stats.top_entities[0] == ("Lena Ortiz", "PERSON", 4, 2)
    assert stats.top_entities[0].mentions == 4
    assert [e.name for e in stats.top_entities] == ["Lena Ortiz", "Avalon", "Red Cross"]
    assert len(store.stats(top=100).top_entities) == 5
    # speakers: attributions resolved to each entity, across documents
    assert stats.top_speakers[0] == ("Lena Ortiz", "PERSON", 4, 2)
    assert ("Red Cross", "ORG", 2, 2) in stats.top_speakers


def test_figure_values_beyond_32_bits(store: Store) -> None:
    ledger = flood_ledger()
    big = dataclasses.replace(ledger.figures[0], value=8_000_000_000, low=8_000_000_000)
    ledger = dataclasses.replace(ledger, figures=(big,))
    store.save(ledger, "h")
    assert store.get("reports/flood.txt") == ledger


def test_unicode_and_long_text_round_trip(store: Store) -> None:
    text_ = "Ministre « Zoë » Ğündoğdu 🙂 said: " + "word " * 20_000
    ledger = flood_ledger(text=FLOOD + text_)
    store.save(ledger, "h")
    assert store.get("reports/flood.txt") == ledger
    assert [h.doc_id for h in store.search("Zoë")] == ["reports/flood.txt"]


# --- opening ---------------------------------------------------------------------------


def test_reopen_keeps_everything(durable_url: str) -> None:
    with Store(durable_url) as s:
        s.save(flood_ledger(), "h")
    with Store(durable_url) as s:  # tables exist: opening again changes nothing
        assert s.get("reports/flood.txt") == flood_ledger()
        assert s.save(flood_ledger(), "h") == "unchanged"
        assert len(s.search("flood")) == 1


def test_two_stores_on_one_database(durable_url: str) -> None:
    with Store(durable_url) as a, Store(durable_url) as b:
        a.save(flood_ledger(), "h")
        assert b.get("reports/flood.txt") == flood_ledger()
        assert b.save(flood_ledger(), "h") == "unchanged"


def test_a_newer_schema_is_refused(durable_url: str) -> None:
    with Store(durable_url) as s, s.engine.begin() as conn:
        conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="999"))
    with pytest.raises(StoreError, match="newer version"):
        Store(durable_url)


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdriver://somewhere/db",
        "not a url at all ://",
        "sqlite:////nonexistent-dir/deeper/store.db",
        "postgresql://reader:s3cret-pw@127.0.0.1:1/according",
        "mysql://reader:s3cret-pw@127.0.0.1:1/according",
    ],
)
def test_a_bad_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store(url)
    message = str(caught.value)
    assert "s3cret-pw" not in message
    assert message.startswith("cannot open store ")
    if "reader" in url:
        assert "reader:***@127.0.0.1:1" in message


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store(f"sqlite:///{path}")


def test_a_bare_path_is_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "bare.db"
    with Store(str(path)) as s:
        s.save(storm_ledger(), "h")
        assert s.dialect == "sqlite"
    assert path.exists()


def test_the_default_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACCORDING_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with Store() as s:
        s.save(storm_ledger(), "h")
    assert (tmp_path / "env.db").exists()


def test_the_sqlite_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 's.db'}") as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_deleting_a_document_cascades(store: Store) -> None:
    store.save(flood_ledger(), "h")
    store.save(strike_ledger(), "s")
    with store.engine.begin() as conn:
        conn.execute(documents.delete().where(documents.c.doc_id == "reports/flood.txt"))
    assert row_counts(store) == expected_counts(strike_ledger())
    assert store.search("flood") == []


def test_figure_record_is_kept_whole(store: Store) -> None:
    ledger = flood_ledger()
    store.save(ledger, "h")
    back = store.get("reports/flood.txt")
    assert back is not None
    f3: Figure = back.figures[2]
    assert f3.as_of == dt.date(2024, 3, 4) and f3.attributed_to is not None
    assert f3.attributed_to.attribution == "A3"
    assert f3.number == sp(FLOOD, "40")
