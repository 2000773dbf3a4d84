-- Screening month (kartläggningsmånad): participating units, unit links with
-- PINs, one row per client contact, and a log of corrections and withdrawals.
-- No table here holds a client's name, personnummer or any other identity.

-- The units taking part in a screening campaign. The link token is shown to
-- the analyst (like an open slug); the unit PIN is stored only as a scrypt hash.
create table screening_units (
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  unit_id      uuid not null references units (id) on delete cascade,
  link_token   text not null unique,
  pin_hash     text,
  pin_set_at   timestamptz,
  -- The account behind the unit link's short-lived sessions (role screener, this unit).
  link_user_id uuid references users (id) on delete set null,
  primary key (campaign_id, unit_id)
);

-- One client contact. A contact is an occasion, not a person.
create table screening_registrations (
  id                   uuid primary key default gen_random_uuid(),
  campaign_id          uuid not null references campaigns (id) on delete cascade,
  kommunkod            text not null references kommuner (kod),
  unit_id              uuid not null references units (id),
  contact_date         date not null,
  kon                  text not null check (kon in ('kvinna', 'man', 'annat')),
  aldersgrupp          text not null,
  tillfragad           boolean not null,
  orsak_ej_tillfragad  text,
  orsak_annat_text     text check (char_length(orsak_annat_text) <= 200),
  psykiskt             text check (psykiskt in ('ja', 'nej', 'vill_ej_svara')),
  fysiskt              text check (fysiskt in ('ja', 'nej', 'vill_ej_svara')),
  sexuellt             text check (sexuellt in ('ja', 'nej', 'vill_ej_svara')),
  radd                 text check (radd in ('ja', 'nej', 'vill_ej_svara')),
  pagaende             text check (pagaende in ('ja', 'nej', 'vill_ej_svara')),
  kand_sedan_tidigare  boolean,
  stod_erbjudet        boolean,
  stod_accepterat      boolean,
  barn_berorda         boolean,
  redan_tillfragad     boolean,
  status               text not null default 'active' check (status in ('active', 'withdrawn')),
  version              integer not null default 1 check (version > 0),
  created_by           uuid references users (id) on delete set null,
  created_on           date not null default current_date,
  foreign key (campaign_id, unit_id) references screening_units (campaign_id, unit_id)
);
create index screening_registrations_campaign on screening_registrations (campaign_id, unit_id, status);

-- Every registration, correction and withdrawal with the field values before
-- and after (there is no client identity to log).
create table screening_registration_changes (
  id               bigint generated always as identity primary key,
  registration_id  uuid not null references screening_registrations (id) on delete cascade,
  version          integer not null,
  action           text not null check (action in ('create', 'correct', 'withdraw')),
  changed_by       uuid references users (id) on delete set null,
  changed_at       timestamptz not null default now(),
  before           jsonb,
  after            jsonb
);
create index screening_registration_changes_registration on screening_registration_changes (registration_id, version);
