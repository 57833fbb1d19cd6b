"""Canonical entities across documents (according.ledger.names, .aliases, .canonical and
.placement, run in memory by the tests' reference registry)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest

from according.errors import AccordingError
from according.ledger.aliases import AliasTableError, alias_table, parse_alias_lines
from according.ledger.canonical import CanonicalEntity
from according.ledger.names import entity_surfaces, label_class, name_key
from according.records import Entity, Span
from entity_registry import EntityRegistry


def ent(
    eid: str,
    name: str,
    label: str = "PERSON",
    *,
    mentions: Sequence[str] = (),
    descriptions: Sequence[str] = (),
) -> Entity:
    """An entity whose mentions are its name and ``mentions`` (offsets are made up)."""
    spans: list[Span] = []
    start = 0
    for text in (name, *mentions):
        spans.append(Span(start, start + len(text), text))
        start += len(text) + 1
    return Entity(eid, name, label, tuple(spans), tuple(descriptions))


def one(registry: EntityRegistry, doc_id: str, eid: str = "E1") -> CanonicalEntity:
    found = registry.canonical(registry.mapping(doc_id)[eid])
    assert found is not None
    return found


def partition(registry: EntityRegistry) -> set[frozenset[tuple[str, str]]]:
    """Which document entities share a canonical entity (ids left out)."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for row in registry.to_rows()["links"]:
        groups.setdefault(row["canonical"], set()).add((row["document"], row["entity"]))
    return {frozenset(g) for g in groups.values()}


def summary(registry: EntityRegistry) -> set[tuple[object, ...]]:
    return {(e.key, e.name, e.label, e.aliases, e.descriptions, e.documents) for e in registry}


# ----------------------------------------------------------------------- name_key


@pytest.mark.parametrize(
    "variant",
    [
        "Mohammed Al-Khulaifi",
        "Mohammed al Khulaifi",
        "MOHAMMED AL-KHULAIFI",
        "Mohammed Al-Khulaïfi",
        "Mohammed Al–Khulaifi",
        "Mohammed El-Khulaifi",
        "Mohammed Khulaifi",
        "Sheikh Mohammed Al-Khulaifi",
        "Dr. Mohammed Al Khulaifi",
        "Mohammed  Al-Khulaifi's",
    ],
)
def test_name_key_folds_spellings_of_one_name(variant: str) -> None:
    assert name_key(variant) == "mohammed khulaifi"


@pytest.mark.parametrize(
    ("name", "label", "key"),
    [
        ("Qatar's", "GPE", "qatar"),
        ("Hamas'", "ORG", "hamas"),
        ("the United Nations", "ORG", "united nations"),
        ("U.N.", "ORG", "un"),
        ("Al Jazeera", "ORG", "jazeera"),
        ("El Salvador", "GPE", "el salvador"),
        ("Al Gore", "PERSON", "al gore"),
        ("al Khulaifi", "PERSON", "khulaifi"),
        ("Sheikh Al Thani", "PERSON", "thani"),
        ("President Lena Varga", "PERSON", "lena varga"),
        ("former Prime Minister Erik Halvorsen", "PERSON", "erik halvorsen"),
        ("Martin Luther King Jr.", "PERSON", "martin luther king"),
        ("General Motors", "ORG", "general motors"),
        ("President", "PERSON", "president"),
    ],
)
def test_name_key(name: str, label: str, key: str) -> None:
    assert name_key(name, label=label) == key


def test_label_classes() -> None:
    assert label_class("NORP") == label_class("ORG") == "ORG"
    assert label_class("GPE") == label_class("LOC") == label_class("FAC") == "PLACE"
    assert label_class("PERSON") == "PERSON"
    assert label_class("EVENT") == "EVENT"


# -------------------------------------------------------------------- alias table


def test_alias_table_loads_and_every_line_is_one_entity() -> None:
    table = alias_table()
    assert table.others[name_key("IDF", label="ORG")] == table.others["israeli army"]
    assert table.people[name_key("Abu Mazen")] == table.people["mahmoud abbas"]
    assert len(set(table.labels)) >= 40


def test_alias_table_rejects_a_name_on_two_lines_and_a_bad_line() -> None:
    with pytest.raises(AliasTableError, match="two lines"):
        parse_alias_lines(["ORG: NDC = Norland Defence Corps", "ORG: NDC = Norland Dairy Co"])
    with pytest.raises(AliasTableError, match="is not"):
        parse_alias_lines(["Norland Defence Corps = NDC"])
    with pytest.raises(AliasTableError, match="is not"):
        parse_alias_lines(["ORG: NDC"])
    assert issubclass(AliasTableError, AccordingError)


def test_alias_table_joins_the_names_of_the_israeli_army() -> None:
    registry = EntityRegistry()
    names = [
        "IDF",
        "Israel Defense Forces",
        "Israeli army",
        "Israeli military",
        "Israel Defence Forces",
        "Israel Defense Forces",
    ]
    ids = {registry.add_document(f"d{i}", [ent("E1", n, "ORG")])["E1"] for i, n in enumerate(names)}
    assert len(ids) == 1
    idf = one(registry, "d0")
    assert idf.name == "Israel Defense Forces"  # longest, then most often seen
    assert idf.label == "ORG"
    assert idf.documents == 6
    assert set(idf.aliases) == set(names)


def test_alias_table_joins_whatever_label_the_recogniser_gave() -> None:
    registry = EntityRegistry()
    registry.add_document("a", [ent("E1", "United Nations", "ORG")])
    registry.add_document("b", [ent("E1", "U.N.", "GPE")])
    registry.add_document("c", [ent("E1", "the UN", "NORP")])
    registry.add_document("d", [ent("E1", "UN", "PERSON")])  # capitals: an acronym
    assert len(registry) == 1
    assert one(registry, "a").label == "ORG"


def test_people_lines_join_people_only() -> None:
    registry = EntityRegistry()
    registry.add_document("a", [ent("E1", "Mahmoud Abbas")])
    registry.add_document("b", [ent("E1", "Abu Mazen")])
    registry.add_document("c", [ent("E1", "Abu Mazen", "ORG")])
    assert registry.mapping("a") == registry.mapping("b") != registry.mapping("c")


def test_case_diacritics_hyphens_and_articles_join_one_person() -> None:
    registry = EntityRegistry()
    variants = [
        "Mohammed al Khulaifi",
        "Mohammed Al-Khulaifi",
        "MOHAMMED AL-KHULAIFI",
        "Mohammed Al-Khulaïfi",
        "Mohammed Al-Khulaifi",
    ]
    for i, name in enumerate(variants):
        registry.add_document(f"d{i}", [ent("E1", name, mentions=["Al-Khulaifi"])])
    assert len(registry) == 1
    person = one(registry, "d0")
    assert person.name == "Mohammed Al-Khulaifi"
    assert "Al-Khulaifi" in person.aliases
    assert person.documents == 5


# --------------------------------------------------------- labels and organisations


def test_a_country_and_its_people_stay_apart() -> None:
    registry = EntityRegistry()
    mapping = registry.add_document(
        "a", [ent("E1", "Qatar", "GPE"), ent("E2", "Qatari", "NORP"), ent("E3", "Qatar", "ORG")]
    )
    assert len(set(mapping.values())) == 3


def test_organisation_and_group_labels_are_compatible() -> None:
    registry = EntityRegistry()
    registry.add_document("a", [ent("E1", "Norland Liberation Front", "ORG")])
    registry.add_document("b", [ent("E1", "the Norland Liberation Front", "NORP")])
    registry.add_document("c", [ent("E1", "Tromsdal", "GPE")])
    registry.add_document("d", [ent("E1", "Tromsdal", "LOC")])
    assert registry.mapping("a") == registry.mapping("b")
    assert registry.mapping("c") == registry.mapping("d")
    assert len(registry) == 2


def test_an_acronym_joins_its_expansion_in_the_same_document_only() -> None:
    registry = EntityRegistry()
    a = registry.add_document(
        "a", [ent("E1", "Norland Defence Corps", "ORG"), ent("E2", "NDC", "ORG")]
    )
    assert a["E1"] == a["E2"]
    b = registry.add_document("b", [ent("E1", "NDC", "ORG")])
    assert b["E1"] != a["E1"]  # one document's NDC is no alias for another's
    c = registry.add_document(
        "c",
        [
            ent("E1", "Norland Defence Corps", "ORG"),
            ent("E2", "Norland Dairy Cooperative", "ORG"),
            ent("E3", "NDC", "ORG"),
        ],
    )
    assert c["E3"] == b["E1"]  # two expansions: neither
    d = registry.add_document(
        "d", [ent("E1", "UN Relief and Works Agency", "ORG"), ent("E2", "UNRWA", "ORG")]
    )
    assert d["E1"] == d["E2"]


def test_a_document_acronym_overrides_the_table() -> None:
    registry = EntityRegistry()
    idf = registry.add_document("a", [ent("E1", "Israel Defense Forces", "ORG")])["E1"]
    fund = registry.add_document(
        "b", [ent("E1", "Islamic Development Fund", "ORG"), ent("E2", "IDF", "ORG")]
    )
    assert fund["E1"] == fund["E2"] != idf


# --------------------------------------------------------------------------- people


def test_two_people_sharing_a_surname_stay_apart() -> None:
    registry = EntityRegistry()
    a = registry.add_document(
        "a",
        [
            ent("E1", "Mohammed Al-Khulaifi", descriptions=["Qatar's Foreign Minister"]),
            ent("E2", "Ahmed Al-Khulaifi", descriptions=["Qatar's Foreign Minister's brother"]),
        ],
    )
    b = registry.add_document("b", [ent("E1", "Erik Halvorsen"), ent("E2", "Maja Halvorsen")])
    assert a["E1"] != a["E2"] and b["E1"] != b["E2"]
    # a bare surname with evidence for one of them joins neither
    c = registry.add_document(
        "c", [ent("E1", "Al-Khulaifi", descriptions=["the Qatari foreign minister"])]
    )
    assert c["E1"] not in {a["E1"], a["E2"]}
    assert len(registry) == 5


def test_a_surname_joins_the_one_person_with_a_shared_description() -> None:
    registry = EntityRegistry()
    full = registry.add_document(
        "a",
        [ent("E1", "Mohammed Al-Khulaifi", descriptions=["Qatar's Foreign Minister"])],
    )["E1"]
    bare = registry.add_document(
        "b", [ent("E1", "Al-Khulaifi", descriptions=["the Qatari foreign minister"])]
    )["E1"]
    assert bare == full
    person = one(registry, "a")
    assert person.name == "Mohammed Al-Khulaifi"
    assert {"Al-Khulaifi", "Mohammed Al-Khulaifi"} <= set(person.aliases)
    assert person.descriptions == ("Qatar's Foreign Minister", "the Qatari foreign minister")
    # a role word alone is no evidence ("Prime Minister" is not "Foreign Minister")
    other = registry.add_document("c", [ent("E1", "Khulaifi", descriptions=["Prime Minister"])])
    assert other["E1"] != full


def test_a_surname_joins_the_one_person_with_a_shared_organisation() -> None:
    registry = EntityRegistry()
    full = registry.add_document(
        "a", [ent("E1", "Erik Halvorsen"), ent("E2", "Norland Red Cross", "ORG")]
    )["E1"]
    joined = registry.add_document(
        "b", [ent("E1", "Halvorsen"), ent("E2", "Norland Red Cross", "ORG")]
    )["E1"]
    alone = registry.add_document("c", [ent("E1", "Halvorsen"), ent("E2", "Ostravia", "GPE")])["E1"]
    also_alone = registry.add_document("d", [ent("E1", "Halvorsen")])["E1"]
    assert joined == full
    assert alone == also_alone != full  # unjoined bare surnames share one entity
    bare = registry.canonical(alone)
    assert bare is not None and bare.name == "Halvorsen" and bare.documents == 2


def test_a_group_or_person_label_is_no_shared_context() -> None:
    registry = EntityRegistry()
    full = registry.add_document("a", [ent("E1", "Erik Halvorsen"), ent("E2", "Norlandic", "NORP")])
    bare = registry.add_document("b", [ent("E1", "Halvorsen"), ent("E2", "Norlandic", "NORP")])
    assert bare["E1"] != full["E1"]


def test_a_surname_seen_first_moves_when_its_person_arrives_and_leaves() -> None:
    registry = EntityRegistry()
    first = registry.add_document(
        "a", [ent("E1", "Al-Khulaifi", descriptions=["Qatar's Foreign Minister"])]
    )["E1"]
    registry.take_changes()
    full = registry.add_document(
        "b",
        [ent("E1", "Mohammed Al-Khulaifi", descriptions=["the Qatari Foreign Minister"])],
    )["E1"]
    assert registry.mapping("a")["E1"] == full
    changes = registry.take_changes()
    assert changes.documents == ("a", "b")
    assert first in changes.canonical_ids and registry.canonical(first) is None
    # a second person with that surname: the bare name can no longer tell them apart
    registry.add_document(
        "c", [ent("E1", "Ahmed Al-Khulaifi", descriptions=["Qatar's foreign minister"])]
    )
    assert registry.mapping("a")["E1"] == first  # back to its own entity, same id
    registry.remove_document("c")
    assert registry.mapping("a")["E1"] == full
    registry.remove_document("b")
    assert registry.mapping("a")["E1"] == first
    assert len(registry) == 1


def test_evidence_that_leaves_takes_the_surname_with_it() -> None:
    registry = EntityRegistry()
    registry.add_document("a", [ent("E1", "Erik Halvorsen")])
    registry.add_document("b", [ent("E1", "Erik Halvorsen"), ent("E2", "Tromsdal", "GPE")])
    bare = registry.add_document("c", [ent("E1", "Halvorsen"), ent("E2", "Tromsdal", "GPE")])
    assert bare["E1"] == registry.mapping("a")["E1"]
    registry.add_document("b", [ent("E1", "Erik Halvorsen")])  # changed: no Tromsdal
    assert registry.mapping("c")["E1"] != registry.mapping("a")["E1"]


# ------------------------------------------------- re-adding, removal, order, rows


def _corpus() -> dict[str, list[Entity]]:
    return {
        "a": [
            ent("E1", "Mohammed Al-Khulaifi", descriptions=["Qatar's Foreign Minister"]),
            ent("E2", "Qatar", "GPE"),
            ent("E3", "Israel Defense Forces", "ORG"),
            ent("E4", "IDF", "ORG"),
        ],
        "b": [
            ent("E1", "Al-Khulaifi", descriptions=["Qatari foreign minister"]),
            ent("E2", "Israeli army", "ORG"),
            ent("E3", "Biden"),
        ],
        "c": [ent("E1", "Joe Biden"), ent("E2", "Hunter Biden"), ent("E3", "Qatari", "NORP")],
        "d": [
            ent("E1", "MOHAMMED AL-KHULAIFI"),
            ent("E2", "Norland Defence Corps", "ORG"),
            ent("E3", "NDC", "ORG"),
            ent("E4", "Halvorsen"),
        ],
        "e": [ent("E1", "Erik Halvorsen"), ent("E2", "Qatar", "GPE"), ent("E3", "Halvorsen")],
        "f": [ent("E1", "Halvorsen"), ent("E2", "Qatar", "GPE")],
    }


def test_re_adding_a_document_changes_nothing() -> None:
    registry = EntityRegistry()
    for doc_id, entities in _corpus().items():
        registry.add_document(doc_id, entities)
    before = registry.to_rows()
    registry.take_changes()
    assert registry.add_document("a", _corpus()["a"]) == registry.mapping("a")
    assert registry.to_rows() == before
    assert registry.take_changes().documents == ()


def test_a_changed_document_replaces_its_entities_and_removal_undoes_it() -> None:
    registry = EntityRegistry()
    empty = registry.to_rows()
    registry.add_document("x", [ent("E1", "Lena Varga"), ent("E2", "Tromsdal", "GPE")])
    varga = registry.mapping("x")["E1"]
    registry.add_document("x", [ent("E1", "Tromsdal", "GPE")])
    assert registry.mapping("x") == {"E1": "C2"}
    assert registry.canonical(varga) is None
    assert "x" in registry
    assert registry.remove_document("x") is True
    assert registry.remove_document("x") is False
    assert "x" not in registry and len(registry) == 0
    assert registry.index_sizes()["canonical"] == 0
    rows = registry.to_rows()
    assert rows["entities"] == empty["entities"] and rows["canonical"] == []
    # a name that returns gets its id back
    assert registry.add_document("y", [ent("E1", "Lena Varga")]) == {"E1": varga}


def test_removing_every_document_leaves_nothing_behind() -> None:
    registry = EntityRegistry()
    corpus = _corpus()
    for doc_id, entities in corpus.items():
        registry.add_document(doc_id, entities)
    for doc_id in corpus:
        registry.remove_document(doc_id)
    sizes = registry.index_sizes()
    assert sizes["documents"] == sizes["canonical"] == sizes["surnames"] == 0
    assert sizes["bare_surnames"] == sizes["joined_surnames"] == 0


def test_grouping_does_not_depend_on_arrival_order() -> None:
    corpus = _corpus()
    expected_partition: set[frozenset[tuple[str, str]]] | None = None
    expected_summary: set[tuple[object, ...]] | None = None
    for order in itertools.permutations(corpus):
        registry = EntityRegistry()
        for doc_id in order:
            registry.add_document(doc_id, corpus[doc_id])
        if expected_partition is None:
            expected_partition, expected_summary = partition(registry), summary(registry)
        assert partition(registry) == expected_partition, order
        assert summary(registry) == expected_summary, order
    assert expected_partition is not None
    # the full name, its capitals, and the bare surname with a shared description
    assert frozenset({("a", "E1"), ("b", "E1"), ("d", "E1")}) in expected_partition
    assert frozenset({("a", "E3"), ("a", "E4"), ("b", "E2")}) in expected_partition
    assert frozenset({("b", "E3")}) in expected_partition  # bare Biden: two Bidens
    # bare Halvorsen shares Qatar with Erik Halvorsen's document (e, f) but not d
    assert frozenset({("e", "E1"), ("e", "E3"), ("f", "E1")}) in expected_partition
    assert frozenset({("d", "E4")}) in expected_partition


def _random_document(rng: random.Random) -> list[Entity]:
    firsts, surnames = ["Mohammed", "Ahmed", "Erik"], ["Al-Khulaifi", "Halvorsen", "Varga"]
    roles = ["Qatar's Foreign Minister", "Qatari foreign minister", "Prime Minister"]
    others = [
        ("Norland Red Cross", "ORG"),
        ("Israeli army", "ORG"),
        ("IDF", "ORG"),
        ("Qatar", "GPE"),
        ("Tromsdal", "GPE"),
    ]
    entities: list[Entity] = []
    for i in range(rng.randint(1, 6)):
        eid, roll = f"E{i + 1}", rng.random()
        described = rng.sample(roles, rng.randint(0, 1))
        if roll < 0.3:
            name = f"{rng.choice(firsts)} {rng.choice(surnames)}"
            entities.append(ent(eid, name, descriptions=described))
        elif roll < 0.55:
            entities.append(ent(eid, rng.choice(surnames), descriptions=described))
        else:
            entities.append(ent(eid, *rng.choice(others)))
    return entities


@pytest.mark.parametrize("seed", range(20))
def test_updates_match_a_registry_built_afresh(seed: int) -> None:
    """After any run of additions, changes and removals, the registry groups as one
    built from scratch (in another order) from the documents it holds."""
    rng = random.Random(seed)
    registry = EntityRegistry()
    held: dict[str, list[Entity]] = {}
    for _ in range(30):
        doc_id = f"d{rng.randint(0, 9)}"
        if rng.random() < 0.7:
            held[doc_id] = _random_document(rng)
            registry.add_document(doc_id, held[doc_id])
        else:
            registry.remove_document(doc_id)
            held.pop(doc_id, None)
        fresh = EntityRegistry()
        for other in sorted(held, reverse=True):
            fresh.add_document(other, held[other])
        assert partition(registry) == partition(fresh)
        assert summary(registry) == summary(fresh)


def test_rows_round_trip() -> None:
    registry = EntityRegistry()
    for doc_id, entities in _corpus().items():
        registry.add_document(doc_id, entities)
    registry.remove_document("c")
    rows = registry.to_rows()
    assert {"entities", "ids", "canonical", "links"} <= set(rows)
    rebuilt = EntityRegistry.from_rows(rows)
    assert rebuilt.to_rows() == rows
    # new names after a rebuild get fresh ids
    new = rebuilt.add_document("z", [ent("E1", "Lena Varga")])["E1"]
    assert new not in {row["id"] for row in rows["ids"]}


def test_find_by_name_and_surname() -> None:
    registry = EntityRegistry()
    for doc_id, entities in _corpus().items():
        registry.add_document(doc_id, entities)
    assert [e.name for e in registry.find("the IDF")] == ["Israel Defense Forces"]
    assert {e.name for e in registry.find("Biden")} == {"Biden", "Joe Biden", "Hunter Biden"}
    assert [e.name for e in registry.find("Qatar", "GPE")] == ["Qatar"]
    assert registry.find("Ostravia") == []


def test_rejects_a_document_with_a_repeated_entity_id() -> None:
    registry = EntityRegistry()
    with pytest.raises(ValueError, match="E1"):
        registry.add_document("a", [ent("E1", "Qatar", "GPE"), ent("E1", "Doha", "GPE")])
    assert "a" not in registry


# ---------------------------------------------------------------------------- scale


def test_fifty_thousand_entities_go_through_the_indexes() -> None:
    firsts = [f"Given{i}" for i in range(40)]
    surnames = [f"Surname{i}" for i in range(250)]
    orgs = [f"Agency {i} Of Norland" for i in range(300)]
    places = [f"Town{i}" for i in range(500)]
    registry = EntityRegistry()
    full_names: set[str] = set()
    bare: set[str] = set()
    entities = 0
    for d in range(5_000):
        person = f"{firsts[d % 40]} {surnames[d % 250]}"
        full_names.add(person)
        lone = f"Loner{d % 700}"
        bare.add(lone)
        batch = [
            ent("E1", person, mentions=[surnames[d % 250]]),
            ent("E2", lone),
            ent("E3", orgs[d % 300], "ORG"),
            ent("E4", orgs[(d * 7) % 300], "ORG"),
            ent("E5", places[d % 500], "GPE"),
            ent("E6", places[(d * 3) % 500], "GPE"),
            ent("E7", "Israeli army", "ORG"),
            ent("E8", "IDF", "ORG"),
            ent("E9", "Qatar", "GPE"),
            ent("E10", "Qatari", "NORP"),
        ]
        entities += len(batch)
        registry.add_document(f"doc{d}", batch)
    assert entities == 50_000
    sizes = registry.index_sizes()
    assert sizes["documents"] == 5_000
    # lcm(40, 250) = 1000 full names; 700 lone surnames; 300 + 500 + IDF + Qatar + Qatari
    assert len(full_names) == 1_000
    assert sizes["canonical"] == 1_000 + 700 + 300 + 500 + 3
    assert sizes["surnames"] == 250 + 700
    assert sizes["bare_surnames"] == 5_000 and sizes["joined_surnames"] == 0
    idf = registry.find("IDF")
    assert len(idf) == 1 and idf[0].documents == 5_000


# ------------------------------------------------------- for a store's registries


def test_entity_surfaces_are_the_name_then_each_other_mention_once() -> None:
    entity = ent(
        "E1", "Mohammed  Al-Khulaifi", mentions=["Al-Khulaifi", "Al-\nKhulaifi", "Al-Khulaifi"]
    )
    assert entity_surfaces(entity) == ("Mohammed Al-Khulaifi", "Al-Khulaifi", "Al- Khulaifi")


def test_ids_are_kept_for_keys_that_leave() -> None:
    registry = EntityRegistry()
    registry.add_document("a", [ent("E1", "Lena Varga"), ent("E2", "Tromsdal", "GPE")])
    assert registry.add_document("c", [ent("E1", "Ostravia", "GPE")]) == {"E1": "C3"}
    assert registry.key_of("C3") == "PLACE|ostravia" and registry.key_of("C9") is None
    registry.remove_document("c")
    assert registry.canonical("C3") is None and registry.key_of("C3") == "PLACE|ostravia"
    assert registry.add_document("d", [ent("E1", "Ostravia", "GPE")]) == {"E1": "C3"}
