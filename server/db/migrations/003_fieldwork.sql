-- Fieldwork of population surveys: campaign settings, code references for
-- reminder letters, reminder waves, counts kept after codes are deleted, and
-- double entry of paper forms.

-- The kommun's områden ([{code, name}]) fill the område question when the
-- survey is served; modules ({id: enabled}) switch optional pages off.
alter table campaigns add column areas jsonb not null default '[]';
alter table campaigns add column modules jsonb not null default '{}';
-- Set when the codes were deleted after closing; progress then comes from campaign_strata.
alter table campaigns add column codes_deleted_on date;

-- Started and completed codes per stratum, written when the codes are deleted.
alter table campaign_strata add column started integer not null default 0;
alter table campaign_strata add column completed integer not null default 0;

-- A short random letter reference per code (not secret, not derived from the
-- code): the kommun's letter file keeps it, so reminders can be merged on it.
-- Never stored on responses.
alter table codes add column ref text;
create unique index codes_campaign_ref on codes (campaign_id, ref);

-- Reminder waves: number, date and how many codes were still unused.
create table reminder_waves (
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  wave         integer not null check (wave > 0),
  sent_on      date not null default current_date,
  code_count   integer not null,
  primary key (campaign_id, wave)
);

-- Double entry of a paper form: each entry held under the code's hash until
-- both agree or an analyst resolves them; deleted when the response is stored.
create table paper_entries (
  code_hash    text not null references codes (code_hash) on delete cascade,
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  entry        smallint not null check (entry in (1, 2)),
  answers      jsonb not null,
  primary key (code_hash, entry)
);
create index paper_entries_campaign on paper_entries (campaign_id);

-- Exports page through a campaign's responses in (random) id order.
create index responses_campaign_id on responses (campaign_id, id);
