-- Children and young people (issue 14): class links for school surveys, the
-- staff inventory month, and reviews of translations.

-- A campaign reached through one link per school class (mode 'classes').
alter table campaigns drop constraint campaigns_mode_check;
alter table campaigns add constraint campaigns_mode_check check (mode in ('codes', 'open', 'classes'));

-- One school class of a class-link campaign. Written once when the class is
-- added and never updated per submission. The token is the class link
-- (/o/<token>), as unguessable as an open slug. A response carries the
-- class's skola and arskurs, never its id, klass or token.
create table class_links (
  id           uuid primary key default gen_random_uuid(),
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  skola        text not null check (char_length(skola) between 1 and 100),
  klass        text not null check (char_length(klass) between 1 and 50),
  arskurs      text not null check (char_length(arskurs) between 1 and 20),
  elever       integer not null check (elever between 1 and 200),
  token        text not null unique,
  unique (campaign_id, skola, klass)
);
create index class_links_campaign on class_links (campaign_id);

-- How many submissions each class link has taken: one counter per class, no
-- time, no per-submission row. It changes with every submission, so it is a
-- transient table (server/queries/maintenance.ts): rewritten by the scrub
-- after each batch, so no dead row version keeps the order of submissions.
create table class_link_usage (
  class_id   uuid primary key references class_links (id) on delete cascade,
  completed  integer not null default 0 check (completed >= 0)
);

-- An inventory month (inventering, Linköping 2015): each participating unit
-- reports once for the period the number of persons it knows of, per
-- category, kön and åldersgrupp. Counts only, never persons.
create table inventory_reports (
  campaign_id  uuid not null,
  unit_id      uuid not null,
  version      integer not null default 1 check (version > 0),
  reported_by  uuid references users (id) on delete set null,
  reported_on  date not null default current_date,
  primary key (campaign_id, unit_id),
  foreign key (campaign_id, unit_id) references screening_units (campaign_id, unit_id) on delete cascade
);

create table inventory_counts (
  campaign_id  uuid not null,
  unit_id      uuid not null,
  kategori     text not null check (kategori in ('barn_bevittnat', 'barn_utsatta', 'vuxna_utsatta', 'vuxna_utovare')),
  kon          text not null check (kon in ('kvinna', 'man', 'annat', 'uppgift_saknas')),
  aldersgrupp  text not null check (char_length(aldersgrupp) between 1 and 20),
  antal        integer not null check (antal between 0 and 1000000),
  primary key (campaign_id, unit_id, kategori, kon, aldersgrupp),
  foreign key (campaign_id, unit_id) references inventory_reports (campaign_id, unit_id) on delete cascade
);

-- An analyst's mark that a qualified translator reviewed one language of a
-- questionnaire version (subject 'template:<id>@<version>') or of the
-- respondent app's strings (subject 'ui'), for one kommun. content_hash is
-- the SHA-256 of exactly the strings reviewed: when they change, the mark no
-- longer applies. Languages without a valid mark are not offered to respondents.
create table translation_reviews (
  kommunkod     text not null references kommuner (kod),
  subject       text not null check (char_length(subject) between 1 and 200),
  lang          text not null check (lang ~ '^[a-z]{2,3}$'),
  content_hash  text not null,
  reviewer      text not null check (char_length(reviewer) between 1 and 200),
  reviewed_by   uuid references users (id) on delete set null,
  reviewed_on   date not null default current_date,
  primary key (kommunkod, subject, lang)
);
