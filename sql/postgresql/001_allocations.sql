-- IPAM for the fleet store: the prefix pool's settings, its allocations and their history.
-- PrefixPoolGrain (a singleton) is the only writer; it loads every allocation at activation and
-- keeps them indexed in memory, so each change here is one small row, never a rewrite of the pool.

-- The upstream prefix and allocation size the stored indices were computed with. One row.
-- The pool refuses to start when the configuration disagrees, because every stored index would
-- then name a different prefix.
CREATE TABLE ipam_pool
(
    id              integer     NOT NULL PRIMARY KEY CHECK (id = 1),
    upstream_prefix text        NOT NULL,                   -- canonical RFC 5952 text, e.g. '2001:db8:f04::/48'
    allocation_size integer     NOT NULL CHECK (allocation_size BETWEEN 1 AND 127),
    created_at      timestamptz NOT NULL
);

-- One row per NFT contract holding a prefix. Released prefixes are deleted; the pool rebuilds its
-- free list from the gaps between the remaining indices at activation, so no free-list table exists.
CREATE TABLE allocations
(
    -- The prefix's index inside the upstream. PRIMARY KEY: a prefix has at most one holder.
    -- CHECK >= 1: index 0 is reserved for the broker's own gateway address.
    prefix_index bigint      NOT NULL PRIMARY KEY CHECK (prefix_index >= 1),
    -- The prefix as text (derived from the index; kept for operators). UNIQUE for the same reason.
    prefix       text        NOT NULL UNIQUE,
    -- UNIQUE: an NFT contract holds at most one prefix (allocation is idempotent per contract).
    -- CHECK: stored lowercase, '0x' and 40 hex digits, so checksummed spellings cannot make a second row.
    nft_contract text        NOT NULL UNIQUE CHECK (nft_contract ~ '^0x[0-9a-f]{40}$'),
    -- UNIQUE: WireGuard cannot give two peers one public key. 44 characters: base64 of 32 bytes.
    wg_pubkey    text        NOT NULL UNIQUE CHECK (length(wg_pubkey) = 44),
    allocated_at timestamptz NOT NULL
);

-- Append-only record of every change, written in the same transaction as the change: answers
-- "who held this prefix at that time" long after the allocation is gone.
CREATE TABLE allocation_history
(
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event        text        NOT NULL CHECK (event IN ('allocated', 'released', 'rekeyed')),
    prefix_index bigint      NOT NULL,
    prefix       text        NOT NULL,
    nft_contract text        NOT NULL,
    wg_pubkey    text        NOT NULL,
    at           timestamptz NOT NULL
);

CREATE INDEX ix_allocation_history_prefix ON allocation_history (prefix, at);
CREATE INDEX ix_allocation_history_nft_contract ON allocation_history (nft_contract, at);
