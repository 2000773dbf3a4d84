-- Administration: which kommun or län the installation serves, each
-- kommun's settings (områden, contact, suppression threshold, units,
-- retention), accounts (last login, one-time invitation links), closing
-- dates for retention (gallring), and figures kept after the microdata.

-- Set once, at first start, by the admin: the kommun (or the län) this
-- installation serves. One row at most.
create table installation (
  id             boolean primary key default true check (id),
  scope          text not null check (scope in ('kommun', 'lan')),
  kommunkod      text references kommuner (kod),
  lan_kod        text,
  configured_by  uuid references users (id) on delete set null,
  configured_at  timestamptz not null default now(),
  check ((scope = 'kommun') = (kommunkod is not null)),
  check ((scope = 'lan') = (lan_kod is not null))
);

-- What every new campaign of a kommun starts from, and how long its data are
-- kept. Retention is in months after a campaign or screening month closes
-- (the audit log: after the entry was written; population tables: after the
-- upload); null keeps them until someone decides otherwise.
create table kommun_settings (
  kommunkod                       text primary key references kommuner (kod),
  areas                           jsonb not null default '[]',
  contact                         jsonb not null default '{}',
  min_cell                        integer not null default 5 check (min_cell between 1 and 1000),
  retention_responses_months      integer check (retention_responses_months between 0 and 1200),
  retention_registrations_months  integer check (retention_registrations_months between 0 and 1200),
  retention_tables_months         integer check (retention_tables_months between 0 and 1200),
  retention_audit_months          integer check (retention_audit_months between 0 and 1200),
  updated_by                      uuid references users (id) on delete set null,
  updated_at                      timestamptz not null default now()
);

alter table users add column last_login_at timestamptz;

-- One-time invitation links: the SHA-256 of the token, never the token.
create table account_invites (
  token_hash  text primary key,
  user_id     uuid not null references users (id) on delete cascade,
  expires_at  timestamptz not null
);
create index account_invites_user on account_invites (user_id);

-- When a campaign (or screening month) closed, and when retention deleted
-- its microdata (responses or registrations).
alter table campaigns add column closed_on date;
alter table campaigns add column microdata_deleted_on date;
update campaigns c
   set closed_on = coalesce(
         (select max(a.at)::date from audit_log a
           where a.action = 'campaign.close' and a.details ->> 'campaignId' = c.id::text),
         current_date)
 where c.status in ('closed', 'archived');

-- Aggregated results a report used, kept as published figures after the
-- microdata are deleted: suppressed estimates only, never a respondent.
create table published_figures (
  id            uuid primary key default gen_random_uuid(),
  campaign_id   uuid not null references campaigns (id) on delete cascade,
  kommunkod     text not null references kommuner (kod),
  kind          text not null check (kind in ('analysis', 'screening_report')),
  title         text not null,
  parameters    jsonb not null,
  figures       jsonb not null,
  published_on  date not null default current_date,
  published_by  uuid references users (id) on delete set null
);
create index published_figures_campaign on published_figures (campaign_id, published_on);

-- Daily jobs claim their day here, so that several processes run each once.
create table maintenance_runs (
  job     text primary key,
  ran_on  date not null
);

-- Reading the audit log (newest first) by period, kommun, account and action.
create index audit_log_at on audit_log (at);
create index audit_log_kommun on audit_log (kommunkod, id);
create index audit_log_user on audit_log (user_id, id);
create index audit_log_action on audit_log (action, id);
