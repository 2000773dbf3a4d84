-- Aggregate tables uploaded for analysis. Counts only, never persons.

-- A kommun's own population table (e.g. residents by område, or by kön ×
-- åldersgrupp × område): variables in `columns`, rows [{<variable>: value, antal}].
create table population_tables (
  id          uuid primary key default gen_random_uuid(),
  kommunkod   text not null references kommuner (kod),
  name        text not null,
  source      text not null default '',
  reference   text not null default '',
  file_name   text not null,
  columns     jsonb not null,
  rows        jsonb not null,
  total       bigint not null,
  created_by  uuid references users (id) on delete set null,
  created_at  timestamptz not null default now()
);
create index population_tables_kommun on population_tables (kommunkod, created_at);

-- Registered persons (or ärenden) per indicator and domain for a campaign's
-- mörkertal: rows [{indikator, <domain variable>: value, antal}].
create table registered_tables (
  id          uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns (id) on delete cascade,
  kommunkod   text not null references kommuner (kod),
  name        text not null,
  period      text not null default '',
  unit        text not null check (unit in ('persons', 'cases')),
  file_name   text not null,
  columns     jsonb not null,
  rows        jsonb not null,
  created_by  uuid references users (id) on delete set null,
  created_at  timestamptz not null default now()
);
create index registered_tables_campaign on registered_tables (campaign_id, created_at);
