"""What people read: terminal tables of ledgers, stores, entities and clusters
(:mod:`.terminal`), and figure series as tables and plots (:mod:`.series`).

Views only render what the library computed; nothing here reads the store itself."""
