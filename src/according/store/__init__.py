"""Where ledgers are kept: SQLite by default, PostgreSQL by URL (SQLAlchemy Core).

>>> with Store("sqlite:///according.db") as store:  # doctest: +SKIP
...     store.save(ledger, input_hash)
...     hits = store.search('"Sky News" hostages')
"""

from according.store.repository import (
    DocumentRow,
    EntityCount,
    SaveResult,
    Store,
    StoredEntity,
    StoreStats,
    mask_url,
)
from according.store.search import SearchHit

__all__ = [
    "DocumentRow",
    "EntityCount",
    "SaveResult",
    "SearchHit",
    "Store",
    "StoreStats",
    "StoredEntity",
    "mask_url",
]
