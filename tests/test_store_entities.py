"""Canonical entities kept in the store: merged across saved documents, kept apart when
only a surname is shared, updated on replace and delete, backfilled into an older store,
reloaded as they were, kept by two writers; the `entities` and `quotes --speaker`
commands; and the demo corpus."""

from __future__ import annotations

import datetime as dt
import json
import random
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text, update
from typer.testing import CliRunner

from according.cli import app
from according.ledger.names import name_key
from according.records import AttributedTo, Attribution, Document, Entity, Figure, Ledger
from according.store import Store, canonical_write
from according.store.queries import figure_points, quotes
from according.store.schema import (
    ENTITY_TABLES,
    SCHEMA_VERSION,
    attributions,
    canonical_counts,
    canonical_entities,
    canonical_keys,
    entities,
    entity_links,
    float_keys,
    mentions,
    meta,
)
from conftest import Ingested
from entity_registry import EntityRegistry, stored_registry
from store_fixtures import sp

pytest_plugins = ["store_fixtures"]

# --- articles written for these tests --------------------------------------------------

DOHA_1 = (
    "Qatar's Foreign Minister Mohammed Al-Khulaifi told Sky News that talks were continuing. "
    '"We are closer than a week ago," Al-Khulaifi said. '
    "The Israeli army said 12 fighters were killed overnight."
)
DOHA_2 = (
    '"Both sides have accepted the outline," said Al-Khulaifi, the Qatari foreign minister. '
    "The IDF said 9 fighters were killed in the north. Talks in Qatar resume on Monday."
)
DOHA_3 = "Mohammed al Khulaïfi, speaking in Doha, said the talks would go on."

HALVORSEN_ERIK = "Erik Halvorsen, the mayor of Tromsdal, said the bridge would reopen."
HALVORSEN_MAJA = "Maja Halvorsen said the school in Tromsdal was closed."
HALVORSEN_BARE = "Halvorsen said the ferry to Tromsdal was late."

EntitySpec = tuple[str, str, str, Sequence[str], Sequence[str]]  # eid, name, label, ...
QuoteSpec = tuple[str, str, str, str]  # speaker eid, source, cue, content


def article(
    doc_id: str,
    text: str,
    day: int,
    entity_specs: Sequence[EntitySpec],
    quote_specs: Sequence[QuoteSpec] = (),
    figure_specs: Sequence[tuple[int, str, int]] = (),  # value, speaker eid, quote index
) -> Ledger:
    """A ledger of ``text``: entities with their mentions (phrases, found in order),
    attributions and "killed" figures."""
    used: dict[str, int] = {}

    def span(phrase: str) -> Any:
        nth = used.get(phrase, 0)
        used[phrase] = nth + 1
        return sp(text, phrase, nth)

    ents = tuple(
        Entity(eid, name, label, tuple(span(p) for p in phrases), tuple(descriptions))
        for eid, name, label, phrases, descriptions in entity_specs
    )
    atts = tuple(
        Attribution(f"A{i + 1}", "indirect", cue=sp(text, cue), content=(sp(text, content),),
                    source=sp(text, source), speaker=speaker)
        for i, (speaker, source, cue, content) in enumerate(quote_specs)
    )  # fmt: skip
    figs = tuple(
        Figure(f"F{i + 1}", "killed", value, "exact", sp(text, f"{value} fighters were killed"),
               sp(text, str(value)), low=value, high=value,
               attributed_to=AttributedTo(quote_specs[q][1], speaker, atts[q].id))
        for i, (value, speaker, q) in enumerate(figure_specs)
    )  # fmt: skip
    document = Document(id=doc_id, text=text, published=dt.date(2024, 1, day))
    return Ledger(document, ents, atts, figs)


def doha_1() -> Ledger:
    return article(
        "doha-1.txt",
        DOHA_1,
        10,
        [
            ("E1", "Mohammed Al-Khulaifi", "PERSON", ["Mohammed Al-Khulaifi", "Al-Khulaifi"],
             ["Qatar's Foreign Minister"]),
            ("E2", "Qatar", "GPE", ["Qatar"], []),
            ("E3", "Sky News", "ORG", ["Sky News"], []),
            ("E4", "Israeli army", "ORG", ["Israeli army"], []),
        ],
        [
            ("E1", "Qatar's Foreign Minister Mohammed Al-Khulaifi", "told",
             "talks were continuing"),
            ("E1", "Al-Khulaifi said", "said", "We are closer than a week ago,"),
            ("E4", "The Israeli army", "army said", "12 fighters were killed overnight"),
        ],
        [(12, "E4", 2)],
    )  # fmt: skip


def doha_2(*, with_idf: bool = True) -> Ledger:
    idf: list[EntitySpec] = [("E2", "IDF", "ORG", ["IDF"], [])] if with_idf else []
    idf_quote: list[QuoteSpec] = (
        [("E2", "The IDF", "IDF said", "9 fighters were killed in the north")] if with_idf else []
    )
    return article(
        "doha-2.txt",
        DOHA_2,
        12,
        [
            ("E1", "Al-Khulaifi", "PERSON", ["Al-Khulaifi"], ["the Qatari foreign minister"]),
            *idf,
            ("E3", "Qatar", "GPE", ["Qatar"], []),
        ],
        [("E1", "Al-Khulaifi", "said", "Both sides have accepted the outline,"), *idf_quote],
        [(9, "E2", 1)] if with_idf else [],
    )


def doha_3() -> Ledger:
    return article(
        "doha-3.txt",
        DOHA_3,
        14,
        [
            ("E1", "Mohammed al Khulaïfi", "PERSON", ["Mohammed al Khulaïfi"], []),
            ("E2", "Doha", "GPE", ["Doha"], []),
        ],
        [("E1", "Mohammed al Khulaïfi", "said", "the talks would go on")],
    )


def halvorsen(doc_id: str, text: str, name: str) -> Ledger:
    return article(
        doc_id,
        text,
        20,
        [("E1", name, "PERSON", [name], []), ("E2", "Tromsdal", "GPE", ["Tromsdal"], [])],
        [("E1", name, "said", text.split("said ", 1)[1].split(",")[0].rstrip("."))],
    )


# --- checks ----------------------------------------------------------------------------


def one(store: Store, name: str, **kwargs: Any) -> Any:
    found = store.entities(name, **kwargs)
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def check_consistent(store: Store) -> None:
    """The tables agree with the ledgers stored and with a registry built afresh from
    them: one link per named entity, counts summed right, keys of every alias, and the
    same grouping, names, aliases and descriptions."""
    fresh = EntityRegistry()
    with store.engine.connect() as conn:
        for row, ledger in zip(store.documents(), store.ledgers(), strict=True):
            named = [e for e in ledger.entities if e.name.strip()]
            if named:
                fresh.add_document(str(row.id), named)
        links = conn.execute(select(entity_links)).all()
        rows = {r.id: r for r in conn.execute(select(canonical_entities))}
        keys = set(conn.execute(select(canonical_keys.c.key, canonical_keys.c.canonical_id)))
        mention_counts = dict(
            (((d, e), n) for d, e, n in conn.execute(
                select(mentions.c.document_id, mentions.c.eid, func.count())
                .group_by(mentions.c.document_id, mentions.c.eid)
            ))
        )  # fmt: skip
        quote_counts = dict(
            (((d, e), n) for d, e, n in conn.execute(
                select(attributions.c.document_id, attributions.c.speaker, func.count())
                .where(attributions.c.speaker.is_not(None))
                .group_by(attributions.c.document_id, attributions.c.speaker)
            ))
        )  # fmt: skip
        n_entities = conn.scalar(select(func.count()).select_from(entities))
    assert len(links) == n_entities
    groups: dict[int, set[tuple[str, str]]] = {}
    for link in links:
        ref = (link.document_id, link.eid)
        assert link.mentions == mention_counts.get(ref, 0)
        assert link.quotes == quote_counts.get(ref, 0)
        groups.setdefault(link.canonical_id, set()).add((str(link.document_id), link.eid))
    expected: dict[str, set[tuple[str, str]]] = {}
    for expected_link in fresh.to_rows()["links"]:
        expected.setdefault(expected_link["canonical"], set()).add(
            (expected_link["document"], expected_link["entity"])
        )
    assert sorted(map(sorted, groups.values())) == sorted(map(sorted, expected.values()))
    live = {n for n, r in rows.items() if r.documents > 0}
    assert live == set(groups)
    for n, members in groups.items():
        stored = rows[n]
        doc, eid = next(iter(members))
        built = fresh.canonical(fresh.mapping(doc)[eid])
        assert built is not None
        assert (stored.name, stored.label, tuple(stored.aliases), tuple(stored.descriptions),
                stored.documents) == (built.name, built.label, built.aliases,
                                      built.descriptions, built.documents)  # fmt: skip
        in_group = [x for x in links if x.canonical_id == n]
        assert stored.mentions == sum(x.mentions for x in in_group)
        assert stored.quotes == sum(x.quotes for x in in_group)
        assert {k for k, m in keys if m == n} == {
            name_key(a, label=stored.label) for a in (stored.name, *stored.aliases)
        }
    for n in set(rows) - live:
        assert (rows[n].mentions, rows[n].quotes, rows[n].aliases) == (0, 0, [])
        assert not {k for k, m in keys if m == n}


# --- merging across documents -----------------------------------------------------------


def test_entities_merge_across_saved_documents(store: Store) -> None:
    for ledger in (doha_1(), doha_2(), doha_3()):
        store.save(ledger, "1")
    person = one(store, "al Khulaifi", label="PERSON")
    assert person.name == "Mohammed Al-Khulaifi"
    assert {"Mohammed Al-Khulaifi", "Al-Khulaifi", "Mohammed al Khulaïfi"} <= set(person.aliases)
    assert person.descriptions == ("Qatar's Foreign Minister", "the Qatari foreign minister")
    assert (person.documents, person.mentions, person.quotes) == (3, 4, 4)
    # every spelling finds it, and every document's entity is it
    for spelling in ("Mohammed Al-Khulaifi", "AL-KHULAIFI", "Al-Khulaïfi", "Sheikh Al Khulaifi"):
        assert one(store, spelling, exact=True).id == person.id
    assert {store.canonical_of(d, "E1") for d in ("doha-1.txt", "doha-2.txt", "doha-3.txt")} == {
        person.id
    }
    army = one(store, "IDF")  # the alias table: IDF = Israeli army = Israel Defense Forces
    assert one(store, "the Israeli army").id == army.id == store.canonical_of("doha-2.txt", "E2")
    assert (army.name, army.label, set(army.aliases)) == ("Israeli army", "ORG",
                                                          {"IDF", "Israeli army"})  # fmt: skip
    assert (army.documents, army.quotes) == (2, 2)
    qatar = one(store, "Qatar", label="GPE")
    assert qatar.documents == 2 and qatar.quotes == 0
    assert store.canonical_of("doha-1.txt", "E9") is None
    assert store.canonical_of("nothing.txt", "E1") is None
    # most mentioned first; a label filter; a limit
    listed = store.entities()
    assert listed[0].id == person.id
    assert [e.mentions for e in listed] == sorted((e.mentions for e in listed), reverse=True)
    assert {e.label for e in store.entities(label="gpe")} == {"GPE"}
    assert len(store.entities(limit=2)) == 2
    assert store.entities("Ostravia") == []
    assert person.to_json() == {
        "id": person.id, "name": "Mohammed Al-Khulaifi", "label": "PERSON",
        "aliases": list(person.aliases), "descriptions": list(person.descriptions),
        "documents": 3, "mentions": 4, "quotes": 4,
    }  # fmt: skip
    check_consistent(store)


def test_speakers_and_figure_sources_meet_under_the_canonical_name(store: Store) -> None:
    for ledger in (doha_1(), doha_2(), doha_3()):
        store.save(ledger, "1")
    for spelling in ("Al-Khulaifi", "al Khulaifi", "Mohammed Al-Khulaifi", "KHULAIFI"):
        found = quotes(store, speaker=spelling)
        assert len(found) == 4, spelling
        assert {q.speaker for q in found} == {"Mohammed Al-Khulaifi"}
        assert len({q.speaker_canonical for q in found}) == 1
        assert {q.document for q in found} == {"doha-1.txt", "doha-2.txt", "doha-3.txt"}
    idf = quotes(store, speaker="IDF")
    assert [(q.speaker, q.source) for q in idf] == [
        ("Israeli army", "The Israeli army"),
        ("Israeli army", "The IDF"),
    ]
    assert quotes(store, speaker="army")  # the substring fallback stays
    assert quotes(store, speaker="Halvorsen") == []
    assert idf[0].to_json()["speaker_canonical"] == one(store, "IDF").id
    # a figure's source is its speaker's canonical entity, in every document
    assert {p.source for p in figure_points(store, measure="killed")} == {"Israeli army"}


def test_two_people_sharing_a_surname_stay_apart_across_documents(store: Store) -> None:
    store.save(halvorsen("erik.txt", HALVORSEN_ERIK, "Erik Halvorsen"), "1")
    store.save(halvorsen("bare.txt", HALVORSEN_BARE, "Halvorsen"), "1")
    # one Halvorsen, and the bare surname shares a place with him: joined
    erik = store.canonical_of("erik.txt", "E1")
    assert store.canonical_of("bare.txt", "E1") == erik
    assert one(store, "Erik Halvorsen").documents == 2
    # a second Halvorsen: the bare surname can no longer tell them apart, and moves out
    store.save(halvorsen("maja.txt", HALVORSEN_MAJA, "Maja Halvorsen"), "1")
    ids = {store.canonical_of(d, "E1") for d in ("erik.txt", "maja.txt", "bare.txt")}
    assert len(ids) == 3 and store.canonical_of("erik.txt", "E1") == erik
    assert {e.name for e in store.entities("Halvorsen")} == {
        "Erik Halvorsen", "Maja Halvorsen", "Halvorsen",
    }  # fmt: skip
    assert one(store, "Erik Halvorsen").documents == 1
    assert one(store, "Halvorsen", exact=True).name == "Halvorsen"
    check_consistent(store)
    # she leaves: the bare surname joins him again
    assert store.delete("maja.txt")
    assert store.canonical_of("bare.txt", "E1") == erik
    check_consistent(store)


# --- replace and delete ----------------------------------------------------------------


def canonical_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(canonical_entities)) or 0)


def test_replacing_a_document_updates_canonical_entities_without_duplicates(store: Store) -> None:
    store.save(doha_1(), "1")
    store.save(doha_2(), "1")
    army = one(store, "IDF").id
    rows = canonical_rows(store)
    # the same ledger from another input: rewritten, nothing moves or doubles
    assert store.save(doha_2(), "2") == "replaced"
    assert canonical_rows(store) == rows
    assert one(store, "IDF").documents == 2
    check_consistent(store)
    # without the IDF: the army keeps one document, its quote and mention go
    assert store.save(doha_2(with_idf=False), "3") == "replaced"
    found = one(store, "Israeli army")
    assert (found.id, found.documents, found.mentions, found.quotes) == (army, 1, 1, 1)
    assert one(store, "al Khulaifi").documents == 2
    check_consistent(store)
    # and back: the same id
    store.save(doha_2(), "4")
    assert one(store, "IDF").id == army and one(store, "IDF").documents == 2
    assert canonical_rows(store) == rows
    check_consistent(store)


def test_delete_removes_its_contribution(store: Store) -> None:
    for ledger in (doha_1(), doha_2(), doha_3()):
        store.save(ledger, "1")
    before = {e.id: e for e in store.entities()}
    person = one(store, "Al-Khulaifi").id
    assert store.delete("doha-3.txt")
    after = {e.id: e for e in store.entities()}
    assert after[person].documents == 2 and after[person].quotes == 3
    assert "Mohammed al Khulaïfi" not in after[person].aliases
    assert [e.name for e in before.values() if e.id not in after] == ["Doha"]
    assert store.entities("Doha") == []
    check_consistent(store)
    store.delete("doha-1.txt")
    store.delete("doha-2.txt")
    assert store.entities() == []
    with store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(entity_links)) == 0
        assert conn.scalar(select(func.count()).select_from(canonical_keys)) == 0
    # ids come back with their names
    store.save(doha_1(), "1")
    assert one(store, "Al-Khulaifi").id == person
    check_consistent(store)


def test_a_failed_save_leaves_the_registry_and_tables_as_they_were(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from according.errors import StoreError

    store.save(doha_1(), "1")
    index_document = canonical_write.index_document

    def broken(*args: Any, **kwargs: Any) -> None:
        # the save fails after its canonical entities, counts and links are written
        index_document(*args, **kwargs)
        raise RuntimeError("boom")

    monkeypatch.setattr(canonical_write, "index_document", broken)
    with pytest.raises((RuntimeError, StoreError)):
        store.save(doha_2(), "1")
    monkeypatch.undo()
    assert store.get("doha-2.txt") is None
    assert one(store, "Al-Khulaifi").documents == 1
    store.save(doha_3(), "1")  # the registry is as the tables held it before
    assert one(store, "Al-Khulaifi").documents == 2
    check_consistent(store)


# --- older stores, reopening, two writers ---------------------------------------------------


def test_an_older_store_gets_its_canonical_entities_when_opened(durable_url: str) -> None:
    with Store(durable_url) as store:
        for ledger in (doha_1(), doha_2(), doha_3()):
            store.save(ledger, "1")
        before = [e.to_json() for e in store.entities()]
        with store.begin() as conn:  # make it a schema 2 store, as before canonical entities
            for table in reversed(ENTITY_TABLES):
                table.drop(conn)
            conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="2"))
    with Store(durable_url) as store:
        assert [e.to_json() for e in store.entities()] == before
        with store.engine.connect() as conn:
            version = conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
        assert version == str(SCHEMA_VERSION)
        check_consistent(store)
        store.save(halvorsen("erik.txt", HALVORSEN_ERIK, "Erik Halvorsen"), "1")
        check_consistent(store)


def test_a_schema_3_store_gets_its_registry_moved_into_tables(durable_url: str) -> None:
    with Store(durable_url) as store:
        for ledger in (doha_1(), doha_2(), doha_3()):
            store.save(ledger, "1")
        store.save(halvorsen("erik.txt", HALVORSEN_ERIK, "Erik Halvorsen"), "1")
        store.save(halvorsen("bare.txt", HALVORSEN_BARE, "Halvorsen"), "1")
        before = [e.to_json() for e in store.entities()]
        with store.begin() as conn:  # as schema 3 left it: a write log, no running totals
            canonical_counts.drop(conn)
            float_keys.drop(conn)
            conn.execute(text("CREATE TABLE entity_log (version INTEGER PRIMARY KEY)"))
            conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="3"))
    with Store(durable_url) as store:
        assert [e.to_json() for e in store.entities()] == before
        with store.engine.connect() as conn:
            assert "entity_log" not in inspect(conn).get_table_names()
            assert conn.execute(select(func.count()).select_from(canonical_counts)).scalar_one() > 0
        check_consistent(store)
        store.save(halvorsen("maja.txt", HALVORSEN_MAJA, "Maja Halvorsen"), "1")
        check_consistent(store)


def test_the_registry_reloaded_is_the_one_kept_in_step(durable_url: str) -> None:
    with Store(durable_url) as store:
        for ledger in (doha_1(), doha_2(), doha_3()):
            store.save(ledger, "1")
        store.save(halvorsen("erik.txt", HALVORSEN_ERIK, "Erik Halvorsen"), "1")
        store.save(halvorsen("bare.txt", HALVORSEN_BARE, "Halvorsen"), "1")
        store.save(halvorsen("maja.txt", HALVORSEN_MAJA, "Maja Halvorsen"), "1")
        store.save(doha_2(with_idf=False), "2")
        doha = store.canonical_of("doha-3.txt", "E2")
        store.delete("doha-3.txt")
        kept = stored_registry(store).to_rows()
    with Store(durable_url) as store:
        reloaded = stored_registry(store)
        assert reloaded.to_rows() == kept
        # a name that returns gets its id back; a new one a new id
        store.save(doha_3(), "1")
        assert store.canonical_of("doha-3.txt", "E2") == doha
        varga = HALVORSEN_MAJA.replace("Maja Halvorsen", "Lena Varga")
        store.save(halvorsen("lena.txt", varga, "Lena Varga"), "1")
        assert store.canonical_of("lena.txt", "E1") not in {r["id"] for r in kept["ids"]}
        check_consistent(store)


def test_two_writers_keep_one_registry(durable_url: str) -> None:
    with Store(durable_url) as a, Store(durable_url) as b:
        a.save(halvorsen("erik.txt", HALVORSEN_ERIK, "Erik Halvorsen"), "1")
        b.save(doha_1(), "1")  # b writes over a's first save
        a.save(halvorsen("bare.txt", HALVORSEN_BARE, "Halvorsen"), "1")  # a over b's
        b.save(doha_2(), "1")
        a.save(halvorsen("maja.txt", HALVORSEN_MAJA, "Maja Halvorsen"), "1")
        b.save(doha_3(), "1")  # b after a's Maja: the bare Halvorsen must stay apart
        a.delete("doha-2.txt")
        b.save(doha_2(), "2")
        assert stored_registry(a).to_rows() == stored_registry(b).to_rows()
        check_consistent(a)
    with Store(durable_url) as c:
        assert stored_registry(c).to_rows() == stored_registry(a).to_rows()


NAMES: list[tuple[str, str, Sequence[str]]] = [
    ("Mohammed Al-Khulaifi", "PERSON", ["Qatar's Foreign Minister"]),
    ("Ahmed Al-Khulaifi", "PERSON", []),
    ("Al-Khulaifi", "PERSON", ["Qatari foreign minister"]),
    ("Erik Halvorsen", "PERSON", []),
    ("Halvorsen", "PERSON", []),
    ("Israeli army", "ORG", []),
    ("IDF", "ORG", []),
    ("Norland Defence Corps", "ORG", []),
    ("NDC", "ORG", []),
    ("Qatar", "GPE", []),
    ("Tromsdal", "GPE", []),
]


def random_ledger(rng: random.Random) -> Ledger:
    """A made-up ledger of a few of ``NAMES``, under one of 12 URLs (so saving one
    often replaces another)."""
    picked = rng.sample(NAMES, rng.randint(1, 5))
    text = " and ".join(name for name, _, _ in picked) + f" met ({rng.random():.6f})."
    specs: list[EntitySpec] = [
        (f"E{i + 1}", name, label, [name], descriptions)
        for i, (name, label, descriptions) in enumerate(picked)
    ]
    n = rng.randint(0, 11)
    ledger = article(f"random-{n}.txt", text, 1 + n, specs, [("E1", picked[0][0], "met", "met")])
    return Ledger(replace(ledger.document, url=f"https://random.test/{n}"), ledger.entities,
                  ledger.attributions)  # fmt: skip


def test_writers_saving_at_once_keep_one_registry(durable_url: str) -> None:
    with Store(durable_url):
        pass  # the tables, made once
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def write(seed: int) -> None:
        rng = random.Random(seed)
        try:
            with Store(durable_url) as store:
                barrier.wait()
                for _ in range(25):
                    if rng.random() < 0.15:
                        store.delete(f"https://random.test/{rng.randint(0, 11)}")
                    else:
                        store.save(random_ledger(rng), str(rng.random()))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(seed,)) for seed in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(durable_url) as store:
        check_consistent(store)  # the grouping of a registry built afresh, and its counts
        store.save(random_ledger(random.Random(99)), "x")
        check_consistent(store)


def test_the_tables_group_as_the_rules_in_memory_write_by_write(durable_url: str) -> None:
    rng = random.Random(5)
    with Store(durable_url) as store:
        for _ in range(60):
            if rng.random() < 0.2:
                store.delete(f"https://random.test/{rng.randint(0, 11)}")
            else:
                store.save(random_ledger(rng), str(rng.random()))
            check_consistent(store)


# --- the CLI -----------------------------------------------------------------------------

DOHA_TALKS = """Talks on hostages continue in Doha

DOHA, January 10 — Qatar's Foreign Minister Mohammed Al-Khulaifi told Sky News on Wednesday that talks over the hostages were continuing. "We are closer than we were a week ago," Al-Khulaifi said.

The Israeli army said it had struck targets in the north of the strip overnight.
"""

DOHA_OUTLINE = """Both sides accept outline, Qatar says

Talks in Doha resumed on Friday. "Both sides have accepted the outline of a deal," said Al-Khulaifi, Qatar's foreign minister, adding that details were still being discussed.

The IDF said its troops had withdrawn from two neighbourhoods.
"""


@pytest.fixture(scope="module")
def doha_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("doha")
    (folder / "2024-01-10-doha-talks.txt").write_text(DOHA_TALKS, encoding="utf-8")
    (folder / "2024-01-12-doha-outline.txt").write_text(DOHA_OUTLINE, encoding="utf-8")
    url = f"sqlite:///{folder / 'doha.db'}"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", url, "--quiet"])
    assert result.exit_code == 0, result.output
    return url


def test_entities_command(doha_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["entities", "--db", doha_db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and set(rows[0]) == {
        "id", "name", "label", "aliases", "descriptions", "documents", "mentions", "quotes",
    }  # fmt: skip
    by_name = {r["name"]: r for r in rows}
    person = by_name["Mohammed Al-Khulaifi"]
    assert person["label"] == "PERSON" and person["documents"] == 2
    assert {"Al-Khulaifi", "Mohammed Al-Khulaifi"} <= set(person["aliases"])
    assert person["quotes"] == 4 and person["descriptions"]
    army = by_name["Israeli army"]
    assert set(army["aliases"]) == {"IDF", "Israeli army"} and army["documents"] == 2
    assert not any(r["name"] in ("IDF", "Al-Khulaifi") for r in rows)
    named = runner.invoke(app, ["entities", "--db", doha_db, "--name", "al khulaifi", "--json"])
    assert [r["name"] for r in json.loads(named.stdout)] == ["Mohammed Al-Khulaifi"]
    people = runner.invoke(
        app, ["entities", "--db", doha_db, "--label", "PERSON", "--limit", "1", "--json"]
    )
    assert [r["label"] for r in json.loads(people.stdout)] == ["PERSON"]
    table = runner.invoke(app, ["entities", "--db", doha_db, "--name", "IDF"])
    assert table.exit_code == 0
    assert "Israeli" in table.stdout and "IDF" in table.stdout and "quotes" in table.stdout
    none = runner.invoke(app, ["entities", "--db", doha_db, "--name", "Ostravia"])
    assert "no entities match" in none.stdout


def test_quotes_command_matches_every_spelling_of_a_speaker(doha_db: str) -> None:
    runner = CliRunner()
    seen: list[list[dict[str, Any]]] = []
    for spelling in ("Al-Khulaifi", "al Khulaifi", "Mohammed Al-Khulaifi", "AL-KHULAÏFI"):
        result = runner.invoke(app, ["quotes", "--db", doha_db, "--speaker", spelling, "--json"])
        assert result.exit_code == 0, result.output
        seen.append(json.loads(result.stdout))
    rows = seen[0]
    assert all(other == rows for other in seen)
    assert len(rows) == 4 and len({r["document"] for r in rows}) == 2
    assert {r["speaker"] for r in rows} == {"Mohammed Al-Khulaifi"}
    assert len({r["speaker_canonical"] for r in rows}) == 1 and rows[0]["speaker_canonical"]
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    army = json.loads(
        runner.invoke(app, ["quotes", "--db", doha_db, "--speaker", "IDF", "--json"]).stdout
    )
    assert len(army) == 2 and {r["speaker"] for r in army} == {"Israeli army"}
    table = runner.invoke(app, ["quotes", "--db", doha_db, "--speaker", "al Khulaifi"])
    assert "Mohammed" in table.stdout and "closer" in table.stdout


def test_the_demo_corpus_entities(demo_store: Ingested) -> None:
    db = demo_store.url
    runner = CliRunner()
    rows = json.loads(runner.invoke(app, ["entities", "--db", db, "--json"]).stdout)
    # the front and its acronym, joined where an article spells both out
    [front] = [r for r in rows if r["name"] == "Ruvel Valley Defence Front"]
    assert "RVDF" in front["aliases"] and front["documents"] >= 9 and front["quotes"] >= 1
    # the governor: one person, whatever her title
    governor = [r for r in rows if "vostanic" in name_key(r["name"])]
    assert len(governor) == 1
    assert governor[0]["name"] == "Mirela Vostanic" and governor[0]["label"] == "PERSON"
    assert governor[0]["documents"] >= 7 and "Governor" in governor[0]["descriptions"]
    found = json.loads(
        runner.invoke(app, ["entities", "--db", db, "--name", "Governor Vostanic", "--json"]).stdout
    )
    assert [r["id"] for r in found] == [governor[0]["id"]]
    said = [
        json.loads(
            runner.invoke(app, ["quotes", "--db", db, "--speaker", spelling, "--json"]).stdout
        )
        for spelling in ("Vostanic", "Governor Mirela Vostanic", "mirela VOSTANIC")
    ]
    assert said[0] == said[1] == said[2]
    assert len(said[0]) >= 3 and {r["speaker_canonical"] for r in said[0]} == {governor[0]["id"]}
