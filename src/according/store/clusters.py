"""Repost clusters kept in the store, in step with the documents.

:func:`index_document` runs inside the transaction that saves a document (so a document
is never stored without its signature and cluster): it stores the document's MinHash
signature and LSH band hashes, compares it with the documents sharing a band (its
candidates: at most :data:`MAX_CANDIDATES`, those sharing most bands first), stores the
verified pairs (at most :data:`MAX_LINKS`, the most similar) and updates the clusters,
which are the connected components of those pairs. A new document only merges clusters;
a replaced or deleted one may also split its old cluster, so the components around it
are walked again. Each change of a cluster chooses its original again
(:func:`according.ledger.reposts.choose_original`).

Nothing here is held in memory between documents: the work per document is bounded by
its candidates and by the size of the clusters it touches, not by the store's size.

On PostgreSQL, clustering takes a transaction-level advisory lock, so two writers
saving copies of one article at once do not miss each other (each would otherwise not
see the other's uncommitted signature). :class:`~according.store.Store` takes it first
thing in a save's or delete's transaction (:func:`lock`), before the document's row
lock, and holds it to commit: taken after the row lock it would deadlock with a writer
that holds it and checks a foreign key to that row. The save's transaction is a few
milliseconds; the analysis before it runs unlocked. SQLite writers are serialised anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    and_,
    delete,
    desc,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    true,
    update,
)

from according.ledger.reposts import (
    Cluster,
    Member,
    Signature,
    choose_original,
    compare_many,
    copy_order,
    signature,
    url_needle,
)
from according.store.schema import (
    documents,
    repost_bands,
    repost_links,
    repost_members,
    repost_signatures,
)
from according.store.sql import advisory_lock, chunks

__all__ = [
    "backfill",
    "cluster_of",
    "clusters",
    "count",
    "drop_document",
    "index_document",
    "largest",
    "lock",
    "originals",
]

LOGGER = logging.getLogger(__name__)

#: At most this many candidates are verified for a new document (a wire story carried
#: by thousands of sites would otherwise make each new copy check them all); being
#: joined to one member of a cluster is enough to join it.
MAX_CANDIDATES = 200
#: At most this many verified pairs are kept per new document, the most similar first.
MAX_LINKS = 20
#: Serialises clustering between PostgreSQL writers ("rpst").
_PG_CLUSTER_LOCK = 0x72707374
_PAGE = 200


def lock(conn: Connection) -> None:
    """On PostgreSQL, take this module's advisory lock until the transaction ends."""
    advisory_lock(conn, _PG_CLUSTER_LOCK)


# --- writing ---------------------------------------------------------------------------


def index_document(conn: Connection, document_id: int, text_: str, *, replaced: bool) -> None:
    """Sign, bucket and cluster the document ``document_id`` (whose analysed text is
    ``text_``), in the caller's transaction. ``replaced``: the document was stored
    before, and its old signature, pairs and cluster are to be replaced."""
    lock(conn)
    old: set[int] = set()
    if replaced:
        old = _cluster_members(conn, document_id)
        _forget(conn, document_id)
    sig = signature(text_)
    conn.execute(
        insert(repost_signatures),
        {"document_id": document_id, "shingles": sig.shingles, "signature": sig.to_bytes()},
    )
    bands = sig.bands()
    if bands:
        conn.execute(
            insert(repost_bands),
            [{"document_id": document_id, "band": i, "hash": h} for i, h in enumerate(bands)],
        )
    linked = _link(conn, document_id, sig, bands)
    if replaced:
        _recluster(conn, {document_id, *old, *linked})
    elif linked:
        _merge(conn, document_id, linked)


def drop_document(conn: Connection, document_id: int) -> None:
    """Take the document ``document_id`` out of the clusters, before it is deleted: its
    signature, bands, pairs and membership go, and its old cluster is walked again (it
    may fall apart, or need another original)."""
    lock(conn)
    old = _cluster_members(conn, document_id)
    _forget(conn, document_id)
    conn.execute(delete(repost_members).where(repost_members.c.document_id == document_id))
    old.discard(document_id)
    if old:
        _recluster(conn, old)


#: What signatures read: the text with its furniture blanked, when it has any.
_searched_text = func.coalesce(documents.c.search_text, documents.c.text)


def backfill(conn: Connection) -> int:
    """Sign and cluster every stored document that has no signature yet (a store made
    before repost clusters), in id order; return how many."""
    done = 0
    last = 0
    signed = exists().where(repost_signatures.c.document_id == documents.c.id)
    while True:
        page = conn.execute(
            select(
                documents.c.id,
                func.coalesce(documents.c.search_text, documents.c.text).label("text"),
            )
            .where(documents.c.id > last, ~signed)
            .order_by(documents.c.id)
            .limit(_PAGE)
        ).all()
        for row in page:
            index_document(conn, row.id, row.text, replaced=False)
        done += len(page)
        if len(page) < _PAGE:
            return done
        last = page[-1].id


def _forget(conn: Connection, document_id: int) -> None:
    """Delete the document's signature, bands and pairs (not its membership)."""
    conn.execute(delete(repost_signatures).where(repost_signatures.c.document_id == document_id))
    conn.execute(delete(repost_bands).where(repost_bands.c.document_id == document_id))
    conn.execute(
        delete(repost_links).where(
            or_(repost_links.c.a == document_id, repost_links.c.b == document_id)
        )
    )


def _cluster_members(conn: Connection, document_id: int) -> set[int]:
    """The ids of the members of the document's cluster (empty when it has none)."""
    cluster_id = conn.scalar(
        select(repost_members.c.cluster_id).where(repost_members.c.document_id == document_id)
    )
    if cluster_id is None:
        return set()
    return set(
        conn.scalars(
            select(repost_members.c.document_id).where(repost_members.c.cluster_id == cluster_id)
        )
    )


def _link(conn: Connection, document_id: int, sig: Signature, bands: Sequence[int]) -> set[int]:
    """Verify the document's LSH candidates; store and return the reposts found."""
    if not bands:
        return set()
    shared = func.count().label("shared")
    candidates = [
        row.document_id
        for row in conn.execute(
            select(repost_bands.c.document_id, shared)
            .where(repost_bands.c.hash.in_(bands), repost_bands.c.document_id != document_id)
            .group_by(repost_bands.c.document_id)
            .order_by(desc(shared), repost_bands.c.document_id)
            .limit(MAX_CANDIDATES)
        )
    ]
    if not candidates:
        return set()
    rows = conn.execute(
        select(
            repost_signatures.c.document_id,
            repost_signatures.c.shingles,
            repost_signatures.c.signature,
        ).where(repost_signatures.c.document_id.in_(candidates))
    ).all()
    others = [Signature.from_bytes(r.signature, r.shingles) for r in rows]
    matches = compare_many(sig, others)
    found = sorted(
        ((m.jaccard, r.document_id) for r, m in zip(rows, matches, strict=True) if m.repost),
        key=lambda jm: (-jm[0], jm[1]),
    )[:MAX_LINKS]
    if found:
        conn.execute(
            insert(repost_links),
            [
                {"a": min(document_id, other), "b": max(document_id, other), "jaccard": j}
                for j, other in found
            ],
        )
    return {other for _, other in found}


def _merge(conn: Connection, document_id: int, linked: set[int]) -> None:
    """Join a new document and the documents it reposts (or that repost it) into one
    cluster, merging their clusters."""
    rows = conn.execute(
        select(repost_members.c.document_id, repost_members.c.cluster_id).where(
            repost_members.c.document_id.in_(sorted(linked))
        )
    ).all()
    touched = {r.cluster_id for r in rows}
    loose = linked - {r.document_id for r in rows}
    target = min(touched | loose | {document_id})
    if touched - {target}:
        conn.execute(
            update(repost_members)
            .where(repost_members.c.cluster_id.in_(sorted(touched - {target})))
            .values(cluster_id=target)
        )
    conn.execute(
        insert(repost_members),
        [
            {"document_id": d, "cluster_id": target, "is_original": False}
            for d in sorted(loose | {document_id})
        ],
    )
    _choose_original(conn, target)


def _neighbours(conn: Connection, ids: set[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(ids):
        for a, b in conn.execute(
            select(repost_links.c.a, repost_links.c.b).where(
                or_(repost_links.c.a.in_(chunk), repost_links.c.b.in_(chunk))
            )
        ):
            found.update((a, b))
    return found - ids


def _component(conn: Connection, seed: int) -> set[int]:
    seen = {seed}
    frontier = {seed}
    while frontier:
        frontier = _neighbours(conn, frontier) - seen
        seen |= frontier
    return seen


def _recluster(conn: Connection, seeds: set[int]) -> None:
    """Walk the pairs around ``seeds`` again and rewrite the clusters they form (a
    component of one document is no cluster)."""
    components: list[set[int]] = []
    covered: set[int] = set()
    for seed in sorted(seeds):
        if seed not in covered:
            component = _component(conn, seed)
            covered |= component
            components.append(component)
    for chunk in chunks(covered):
        conn.execute(delete(repost_members).where(repost_members.c.document_id.in_(chunk)))
    for component in components:
        if len(component) < 2:
            continue
        cluster_id = min(component)
        conn.execute(
            insert(repost_members),
            [
                {"document_id": d, "cluster_id": cluster_id, "is_original": False}
                for d in sorted(component)
            ],
        )
        _choose_original(conn, cluster_id)


def _members(conn: Connection, where: Any) -> list[tuple[int, bool, Member]]:
    """``(cluster id, is original, member)`` of the memberships ``where`` selects."""
    rows = conn.execute(
        select(
            repost_members.c.cluster_id,
            repost_members.c.is_original,
            documents.c.id,
            documents.c.doc_id,
            documents.c.title,
            documents.c.site,
            documents.c.url,
            documents.c.published,
        )
        .join(documents, documents.c.id == repost_members.c.document_id)
        .where(where)
        .order_by(repost_members.c.cluster_id, documents.c.id)
    ).all()
    return [
        (r.cluster_id, bool(r.is_original), Member(r.id, r.doc_id, r.title, r.site, r.url,
                                                    r.published))
        for r in rows
    ]  # fmt: skip


_joined = repost_members.join(documents, documents.c.id == repost_members.c.document_id)


def _choose_original(conn: Connection, cluster_id: int) -> None:
    members = [m for _, _, m in _members(conn, repost_members.c.cluster_id == cluster_id)]

    def is_linked(member: Member) -> bool:
        if not member.url:
            return False
        needle = url_needle(member.url)
        if not needle:
            return False
        linking: Select[int] = (
            select(literal_column("1", Integer))
            .select_from(_joined)
            .where(
                repost_members.c.cluster_id == cluster_id,
                documents.c.id != member.id,
                documents.c.text.contains(needle, autoescape=True),
            )
            .limit(1)
        )
        return conn.execute(linking).first() is not None

    original = choose_original(members, is_linked)
    conn.execute(
        update(repost_members)
        .where(repost_members.c.cluster_id == cluster_id)
        .values(is_original=repost_members.c.document_id == original.id)
    )


# --- reading ---------------------------------------------------------------------------


def _assemble(rows: list[tuple[int, bool, Member]]) -> list[Cluster]:
    grouped: dict[int, list[tuple[bool, Member]]] = {}
    for cluster_id, is_original, member in rows:
        grouped.setdefault(cluster_id, []).append((is_original, member))
    found: list[Cluster] = []
    for cluster_id, members in grouped.items():
        if len(members) < 2:
            continue
        originals_ = [m for is_original, m in members if is_original]
        # a cluster always has one original; should it not, the earliest member stands in
        original = originals_[0] if originals_ else min((m for _, m in members), key=copy_order)
        copies = sorted((m for _, m in members if m.id != original.id), key=copy_order)
        found.append(Cluster(cluster_id, original, tuple(copies)))
    found.sort(key=lambda c: copy_order(c.original))
    return found


def clusters(conn: Connection) -> list[Cluster]:
    """Every cluster (two or more documents), by its original's published date."""
    return _assemble(_members(conn, true()))


def cluster_of(conn: Connection, document_id: int) -> Cluster | None:
    """The cluster the document ``document_id`` belongs to, if any."""
    cluster_id = conn.scalar(
        select(repost_members.c.cluster_id).where(repost_members.c.document_id == document_id)
    )
    if cluster_id is None:
        return None
    found = _assemble(_members(conn, repost_members.c.cluster_id == cluster_id))
    return found[0] if found else None


def largest(conn: Connection, top: int) -> list[Cluster]:
    """The ``top`` largest clusters, largest first (then by original's date)."""
    size = func.count().label("size")
    biggest = list(
        conn.execute(
            select(repost_members.c.cluster_id, size)
            .group_by(repost_members.c.cluster_id)
            .having(func.count() > 1)
            .order_by(desc(size), repost_members.c.cluster_id)
            .limit(top)
        ).scalars()
    )
    if not biggest:
        return []
    found = _assemble(_members(conn, repost_members.c.cluster_id.in_(biggest)))
    return sorted(found, key=lambda c: (-len(c.members), copy_order(c.original)))


def count(conn: Connection) -> tuple[int, int]:
    """``(clusters, copies)``: how many clusters, and how many documents in them are
    copies (members other than the originals)."""
    members = int(conn.scalar(select(func.count()).select_from(repost_members)) or 0)
    n = int(conn.scalar(select(func.count(func.distinct(repost_members.c.cluster_id)))) or 0)
    return n, members - n


def originals(conn: Connection) -> dict[str, str]:
    """For every clustered document, its ledger id → its cluster's original's ledger id
    (an original maps to itself). What a figure series needs to count a report once."""
    original = repost_members.alias("original")
    original_doc = documents.alias("original_doc")
    rows = conn.execute(
        select(documents.c.doc_id, original_doc.c.doc_id.label("original_id"))
        .select_from(
            repost_members.join(documents, documents.c.id == repost_members.c.document_id)
            .join(
                original,
                and_(
                    original.c.cluster_id == repost_members.c.cluster_id,
                    original.c.is_original,
                ),
            )
            .join(original_doc, original_doc.c.id == original.c.document_id)
        )
        .order_by(repost_members.c.document_id)
    ).all()
    return {r.doc_id: r.original_id for r in rows}
