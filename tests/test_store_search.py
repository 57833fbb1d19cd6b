"""Full-text search: ranking, snippets, odd queries, on every backend; the FTS5 query
translation and snippet parsing on their own."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from according.records import Document, Ledger
from according.store import SearchHit, Store
from according.store.search import fts5_query, parse_marked
from store_fixtures import flood_ledger, storm_ledger, strike_ledger

# the fixtures: store, store_url (every backend), durable_url (file and PostgreSQL)
pytest_plugins = ["store_fixtures"]


def plain(doc_id: str, text: str, title: str | None = None) -> Ledger:
    return Ledger(Document(id=doc_id, text=text, title=title, url=f"https://s.test/{doc_id}"))


@pytest.fixture
def corpus(store: Store) -> Store:
    store.save(
        plain(
            "many",
            "Hostages were freed. The hostages thanked the mediators. "
            "Two more hostages are expected home.",
            title="Hostages freed",
        ),
        "1",
    )
    store.save(
        plain(
            "once",
            "The talks went on all night; a deal on the hostages is near.",
            title="Talks continue",
        ),
        "2",
    )
    store.save(plain("none", "The harvest was late this year because of the rain."), "3")
    store.save(plain("sky", "The minister told Sky News on Tuesday that talks had resumed."), "4")
    store.save(plain("apart", "The news came under a grey sky: the talks had stalled."), "5")
    return store  # fmt: skip


def doc_ids(hits: list[SearchHit]) -> list[str]:
    return [h.doc_id for h in hits]


def test_ranking_puts_the_best_match_first(corpus: Store) -> None:
    hits = corpus.search("hostages")
    assert doc_ids(hits) == ["many", "once"]
    assert hits[0].rank > hits[1].rank
    assert hits[0].title == "Hostages freed"


def test_snippet_highlights_the_matched_words(corpus: Store) -> None:
    (hit,) = corpus.search("deal")
    assert "deal" in hit.snippet
    assert len(hit.snippet) < 200
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["deal"]
    assert "[deal]" in hit.marked()
    assert "<mark>deal</mark>" in hit.html()
    assert "\x02" not in hit.snippet and "\x03" not in hit.snippet


def test_stemming(corpus: Store) -> None:
    assert doc_ids(corpus.search("hostage")) == ["many", "once"]


def test_all_words_must_match(corpus: Store) -> None:
    assert doc_ids(corpus.search("talks deal")) == ["once"]
    assert doc_ids(corpus.search("hostages harvest")) == []


def test_phrase(corpus: Store) -> None:
    assert set(doc_ids(corpus.search("sky news"))) == {"sky", "apart"}
    assert doc_ids(corpus.search('"Sky News"')) == ["sky"]


def test_or_and_exclusion(corpus: Store) -> None:
    assert set(doc_ids(corpus.search("harvest or deal"))) == {"none", "once"}
    assert doc_ids(corpus.search("talks -stalled -resumed")) == ["once"]


def test_no_hits(corpus: Store) -> None:
    assert corpus.search("zeppelin") == []
    assert corpus.search("") == []
    assert corpus.search("   ") == []


def test_limit(corpus: Store) -> None:
    assert len(corpus.search("talks", limit=2)) == 2
    assert len(corpus.search("talks")) == 3
    assert corpus.search("talks", limit=0) == []


ODD_QUERIES = [
    '"Sky News"',
    "al-Khulaifi",
    "C++",
    "'",
    '"',
    '""',
    '"unbalanced quote',
    "Sky News\"'",
    "-",
    "--",
    "- -",
    "-hostages",
    "or",
    "OR OR",
    "hostages OR",
    "AND",
    "NOT hostages",
    "NEAR(a b)",
    "hostages*",
    "^hostages",
    "title:hostages",
    "(hostages",
    "hostages)",
    "{a b}",
    "a:b:c",
    "100%",
    "$1,000",
    "e-mail@example.com",
    "\\",
    "\x00",
    "日本",
    "🙂",
    "x" * 1000,  # the longest query (store.bounds.MAX_QUERY_CHARS)
    "_",
    "a & b | !c <-> d",
]


def test_odd_queries_do_not_fail(corpus: Store) -> None:
    for query in ODD_QUERIES:
        assert isinstance(corpus.search(query), list), query
    assert doc_ids(corpus.search('"Sky News"\'')) == ["sky"]
    assert doc_ids(corpus.search("-hostages")) == []


def test_hyphenated_names_and_punctuation_match(store: Store) -> None:
    store.save(plain("k", "Mohammed al-Khulaifi said the C++ code was fine."), "1")
    assert doc_ids(store.search("al-Khulaifi")) == ["k"]
    assert doc_ids(store.search("Al-Khulaifi said")) == ["k"]


def test_title_only_match_is_found(store: Store) -> None:
    store.save(plain("t", "Nothing of note in the body.", title="Ceasefire announced"), "1")
    (hit,) = store.search("ceasefire")
    assert hit.title == "Ceasefire announced"
    assert hit.snippet.startswith("Nothing")


def test_search_follows_replacements(store: Store) -> None:
    store.save(flood_ledger(), "1")
    store.save(strike_ledger(), "2")
    store.save(storm_ledger(), "3")
    assert doc_ids(store.search("Okafor")) == ["https://news.test/strike"]
    changed = dataclasses.replace(
        strike_ledger(),
        document=dataclasses.replace(strike_ledger().document, text="Ferry crews went home."),
        entities=(),
        attributions=(),
        figures=(),
        dates=(),
    )
    assert store.save(changed, "2b") == "replaced"
    assert store.search("Okafor") == []
    assert doc_ids(store.search("ferry")) == ["https://news.test/strike"]


def test_hits_carry_id_and_published(store: Store) -> None:
    store.save(flood_ledger(), "1")
    (hit,) = store.search("evacuated")
    assert hit.id == store.id_of("reports/flood.txt")
    assert hit.published == flood_ledger().document.published


def test_missing_sqlite_index_is_rebuilt(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    with Store(url) as s:
        s.save(flood_ledger(), "1")
        with s.engine.begin() as conn:
            for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            conn.exec_driver_sql("DROP TABLE documents_fts")
    with Store(url) as s:
        assert doc_ids(s.search("evacuated")) == ["reports/flood.txt"]
        s.save(strike_ledger(), "2")
        assert doc_ids(s.search("Okafor")) == ["https://news.test/strike"]


def test_fts_index_stays_consistent(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 's.db'}") as s:
        for i in range(5):
            s.save(flood_ledger(title=f"Title {i}"), str(i))
            s.save(storm_ledger(), str(i))
        with s.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"
            )


# --- the query translation, without a database -----------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hostages", '("hostages")'),
        ("hostages freed", '("hostages" AND "freed")'),
        ('"Sky News" said', '("Sky News" AND "said")'),
        ("al-Khulaifi", '("al-Khulaifi")'),
        ("C++", '("C++")'),
        ("a or b", '("a") OR ("b")'),
        ("a OR b c", '("a") OR ("b" AND "c")'),
        ("a -b", '(("a") NOT "b")'),
        ('a -"b c"', '(("a") NOT "b c")'),
        ('say "he said ""no"""', '("say" AND "he said " AND "no")'),
        ('x"y', '("x""y")'),
        ("-a", None),
        ("'", None),
        ("or", None),
        ("a or", '("a")'),
        ("or a", '("a")'),
        ("", None),
        ("_ - ...", None),
    ],
)
def test_fts5_query(query: str, expected: str | None) -> None:
    assert fts5_query(query) == expected


def test_parse_marked() -> None:
    text, spans = parse_marked("…the \x02hostages\x03 were  \n freed by \x02Qatar\x03")
    assert text == "…the hostages were freed by Qatar"
    assert [text[s:e] for s, e in spans] == ["hostages", "Qatar"]
    assert parse_marked("  \x02a\x03  ") == ("a", ((0, 1),))
    assert parse_marked("") == ("", ())
    assert parse_marked("a \x02 \x03 b") == ("a b", ())


def test_searchhit_rendering() -> None:
    hit = SearchHit(1, "d", None, None, "a <b> & c", 1.0, ((2, 5),))
    assert hit.marked() == "a [<b>] & c"
    assert hit.marked("**", "**") == "a **<b>** & c"
    assert hit.html() == "a <mark>&lt;b&gt;</mark> &amp; c"


# --- the text as given, the furniture kept out of search (schema 5) --------------------


def test_furniture_is_stored_as_given_and_not_searched(store: Store) -> None:
    ledger = flood_ledger()
    store.save(ledger, "1")
    stored = store.get("reports/flood.txt")
    assert stored is not None and stored.document.text == ledger.document.text
    assert "Share this article" in stored.document.text
    assert store.search("share") == []  # only the furniture says it
    assert doc_ids(store.search("evacuated")) == ["reports/flood.txt"]


_SCHEMA_4_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
)


def test_a_schema_4_store_gets_its_text_back_when_opened(durable_url: str) -> None:
    """Schema 4 kept the text with its furniture blanked (in ``text`` and in the ledger);
    opening it gives each document its text as given and searches the blanked one."""
    from sqlalchemy import select, update

    from according.store.schema import SCHEMA_VERSION, documents, drop_search, meta

    ledger = flood_ledger()
    blanked = ledger.document.analysed_text
    with Store(durable_url) as s:
        s.save(ledger, "1")
        s.save(plain("bare", "A bridge collapsed in Tromsdal on Monday."), "2")
        with s.engine.begin() as conn:  # make it a schema 4 store
            drop_search(conn)
            row = conn.execute(select(documents.c.id, documents.c.ledger)).first()
            assert row is not None
            old_ledger = {**row.ledger, "text": blanked}
            conn.execute(
                update(documents)
                .where(documents.c.id == row.id)
                .values(text=blanked, ledger=old_ledger)
            )
            conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN search_text")
            if conn.dialect.name == "sqlite":
                for statement in _SCHEMA_4_SQLITE_SEARCH:
                    conn.exec_driver_sql(statement)
            else:
                conn.exec_driver_sql(
                    "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS ("
                    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                    "setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED"
                )
            conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="4"))
    with Store(durable_url) as s:
        stored = s.get("reports/flood.txt")
        assert stored is not None
        assert stored.document.text == ledger.document.text
        assert stored.to_json() == ledger.to_json()
        assert s.search("share") == []
        assert doc_ids(s.search("evacuated")) == ["reports/flood.txt"]
        assert doc_ids(s.search("bridge")) == ["bare"]
        with s.engine.connect() as conn:
            version = conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
        assert version == str(SCHEMA_VERSION)
