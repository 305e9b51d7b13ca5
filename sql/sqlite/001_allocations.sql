-- IPAM for the embedded store: the prefix pool's settings, its allocations and their history.
-- PrefixPoolGrain is the only writer; it loads every allocation at activation and keeps them indexed
-- in memory, so each change here is one small row, never a rewrite of the whole pool.

-- The upstream prefix and allocation size the stored indices were computed with. One row.
-- The pool refuses to start when the configuration disagrees, because every stored index would
-- then name a different prefix.
CREATE TABLE ipam_pool
(
    id              INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    upstream_prefix TEXT    NOT NULL,                       -- canonical RFC 5952 text, e.g. '2001:db8:f04::/48'
    allocation_size INTEGER NOT NULL CHECK (allocation_size BETWEEN 1 AND 127),
    created_at      TEXT    NOT NULL                        -- ISO 8601 UTC
);

-- One row per NFT contract holding a prefix. Released prefixes are deleted; the pool rebuilds its
-- free list from the gaps between the remaining indices at activation, so no free-list table exists.
CREATE TABLE allocations
(
    -- The prefix's index inside the upstream. PRIMARY KEY: a prefix has at most one holder.
    -- CHECK >= 1: index 0 is reserved for the broker's own gateway address.
    prefix_index INTEGER NOT NULL PRIMARY KEY CHECK (prefix_index >= 1),
    -- The prefix as text (derived from the index; kept for operators). UNIQUE for the same reason.
    prefix       TEXT    NOT NULL UNIQUE,
    -- UNIQUE: an NFT contract holds at most one prefix (allocation is idempotent per contract).
    -- CHECK: stored lowercase, '0x' and 40 hex digits, so checksummed spellings cannot make a second row.
    nft_contract TEXT    NOT NULL UNIQUE
        CHECK (length(nft_contract) = 42 AND substr(nft_contract, 1, 2) = '0x'
               AND substr(nft_contract, 3) NOT GLOB '*[^0-9a-f]*'),
    -- UNIQUE: WireGuard cannot give two peers one public key. 44 characters: base64 of 32 bytes.
    wg_pubkey    TEXT    NOT NULL UNIQUE CHECK (length(wg_pubkey) = 44),
    allocated_at TEXT    NOT NULL                           -- ISO 8601 UTC
);

-- Append-only record of every change, written in the same transaction as the change: answers
-- "who held this prefix at that time" long after the allocation is gone.
CREATE TABLE allocation_history
(
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event        TEXT    NOT NULL CHECK (event IN ('allocated', 'released', 'rekeyed')),
    prefix_index INTEGER NOT NULL,
    prefix       TEXT    NOT NULL,
    nft_contract TEXT    NOT NULL,
    wg_pubkey    TEXT    NOT NULL,
    at           TEXT    NOT NULL                           -- ISO 8601 UTC
);

CREATE INDEX ix_allocation_history_prefix ON allocation_history (prefix, at);
CREATE INDEX ix_allocation_history_nft_contract ON allocation_history (nft_contract, at);
