-- Foundation schema. Tenancy from the start: every campaign, response,
-- upload and account belongs to a kommun (SCB kommunkod, four digits).

create table kommuner (
  kod       text primary key check (kod ~ '^[0-9]{4}$'),
  namn      text not null,
  lan_kod   text not null,
  lan_namn  text not null,
  is_demo   boolean not null default false
);

create table users (
  id             uuid primary key default gen_random_uuid(),
  kommunkod      text not null references kommuner (kod),
  email          text not null unique check (email = lower(email)),
  display_name   text not null,
  password_hash  text not null,
  disabled       boolean not null default false,
  created_at     timestamptz not null default now()
);

-- A unit of socialtjänsten (verksamhet / enhet), for screening months and screener scope.
create table units (
  id          uuid primary key default gen_random_uuid(),
  kommunkod   text not null references kommuner (kod),
  verksamhet  text not null,
  enhet       text not null,
  unique (kommunkod, verksamhet, enhet)
);

-- What a user may do and where: a role applies to one kommun, one län (county
-- viewer) or one unit (screener). Microdata export is a separate right.
create table user_roles (
  id                uuid primary key default gen_random_uuid(),
  user_id           uuid not null references users (id) on delete cascade,
  role              text not null check (role in ('admin', 'analyst', 'screener', 'county_viewer')),
  kommunkod         text references kommuner (kod),
  lan_kod           text,
  unit_id           uuid references units (id) on delete cascade,
  microdata_export  boolean not null default false,
  check (role <> 'analyst' or kommunkod is not null),
  check (role <> 'screener' or kommunkod is not null),
  check (role <> 'county_viewer' or lan_kod is not null)
);
create index user_roles_user on user_roles (user_id);

-- Sessions are looked up by the SHA-256 of the bearer token; the token itself is never stored.
create table sessions (
  token_hash  text primary key,
  user_id     uuid not null references users (id) on delete cascade,
  csrf_token  text not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Questionnaire templates: built-in ones have no kommun; a kommun's own
-- versions carry its kommunkod. Every save is a new version.
create table templates (
  id          text not null,
  version     integer not null check (version > 0),
  kommunkod   text references kommuner (kod),
  kind        text not null check (kind in ('population', 'screening')),
  title       text not null,
  definition  jsonb not null,
  created_by  uuid references users (id) on delete set null,
  created_at  timestamptz not null default now(),
  primary key (id, version)
);

create table campaigns (
  id                uuid primary key default gen_random_uuid(),
  kommunkod         text not null references kommuner (kod),
  kind              text not null check (kind in ('population', 'screening')),
  title             text not null,
  status            text not null default 'draft' check (status in ('draft', 'open', 'closed', 'archived')),
  mode              text not null default 'codes' check (mode in ('codes', 'open')),
  open_slug         text unique,
  template_id       text not null,
  template_version  integer not null,
  -- A frozen copy of the template version: later edits never change a running campaign.
  definition        jsonb not null,
  is_demo           boolean not null default false,
  period_start      date,
  period_end        date,
  languages         jsonb not null default '["sv","en"]',
  contact           jsonb not null default '{}',
  created_by        uuid references users (id) on delete set null,
  created_at        timestamptz not null default now(),
  foreign key (template_id, template_version) references templates (id, version)
);
create index campaigns_kommun on campaigns (kommunkod);

-- Uploaded files (frame extracts, population tables, registered ärenden): metadata only.
create table uploads (
  id          uuid primary key default gen_random_uuid(),
  kommunkod   text not null references kommuner (kod),
  campaign_id uuid references campaigns (id) on delete cascade,
  kind        text not null,
  file_name   text not null,
  row_count   integer not null,
  meta        jsonb not null default '{}',
  created_by  uuid references users (id) on delete set null,
  created_at  timestamptz not null default now()
);

-- Stratum sizes of a sample: N_h (population) and n_h (invited).
create table campaign_strata (
  campaign_id      uuid not null references campaigns (id) on delete cascade,
  stratum_key      text not null,
  stratum          jsonb not null,
  population_size  integer,
  invited          integer not null default 0,
  primary key (campaign_id, stratum_key)
);

-- Personal codes: only the keyed hash (HMAC-SHA-256 with a server secret),
-- the stratum, a status and a date. No person id, no link to any response.
create table codes (
  code_hash        text primary key,
  campaign_id      uuid not null references campaigns (id) on delete cascade,
  stratum_key      text not null,
  status           text not null default 'unused' check (status in ('unused', 'started', 'completed')),
  status_date      date not null default current_date,
  -- Keyed hash of the submission id, so that a retried submit answers 200;
  -- responses never carry the submission id.
  submission_hash  text,
  foreign key (campaign_id, stratum_key) references campaign_strata (campaign_id, stratum_key)
);
create index codes_campaign on codes (campaign_id, status);

-- Autosaved answers, held under the code's hash; deleted at submit and at close.
create table drafts (
  code_hash    text primary key references codes (code_hash) on delete cascade,
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  answers      jsonb not null,
  updated_on   date not null default current_date
);

-- Submitted answers. Random id, the stratum, mode and a date only: no code,
-- code hash, submission id, IP address or exact time.
create table responses (
  id             uuid primary key default gen_random_uuid(),
  campaign_id    uuid not null references campaigns (id) on delete cascade,
  kommunkod      text not null references kommuner (kod),
  stratum        jsonb,
  mode           text not null default 'web' check (mode in ('web', 'paper')),
  response_date  date not null default current_date,
  answers        jsonb not null
);
create index responses_campaign on responses (campaign_id);

-- Idempotency for open-link campaigns (no codes): keyed hashes of submission ids.
create table open_submissions (
  campaign_id      uuid not null references campaigns (id) on delete cascade,
  submission_hash  text not null,
  primary key (campaign_id, submission_hash)
);

-- Every export and every change of rights is written here.
create table audit_log (
  id         bigint generated always as identity primary key,
  at         timestamptz not null default now(),
  user_id    uuid references users (id) on delete set null,
  kommunkod  text,
  action     text not null,
  details    jsonb not null default '{}'
);
