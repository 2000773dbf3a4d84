-- Failed attempts (logins, unit-link PINs, unknown respondent codes and
-- links), counted in the database so that every server process sharing it
-- enforces the same limits (docs/security.md).
--
-- A row is one bucket: an address, an account, an (account, address) pair,
-- a unit link, or the global count of costly attempts. `key_hash` is a keyed
-- hash of the bucket's name, so no address, e-mail or link token is stored.
-- Counts reset when their window has passed; rows are purged after a day.
create table attempt_counters (
  key_hash       text primary key,
  -- The bucket's window: its count starts again once this many seconds have passed since window_start.
  window_seconds float8 not null check (window_seconds > 0),
  window_start   timestamptz not null,
  attempts       integer not null check (attempts >= 0),
  last_attempt   timestamptz not null
);

create index attempt_counters_window_idx on attempt_counters (window_start);
