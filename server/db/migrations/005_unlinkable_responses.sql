-- Response storage that cannot be linked to codes, even from inside the
-- database (docs/privacy.md):
--   * A code row is written once, when it is issued, and never updated: no
--     status, no date and no submission hash on it, so its system columns
--     (xmin, ctid) say only when it was issued.
--   * Whether a code was opened or used lives in one bitmap row per stratum
--     (code_usage), bit `slot` of the code. The live row says which codes
--     are used, not when.
--   * A submission waits in response_pool until at least RESPONSE_BATCH_SIZE
--     (default 10) of its campaign are waiting (or the campaign closes); then
--     the batch moves into responses in random order, in one transaction, and
--     the transient tables are rewritten (VACUUM FULL) and the write-ahead log
--     of the embedded database is switched and checkpointed, so that no dead
--     row or log record keeps the arrival order.
--   * Retries are recognised by a keyed hash of (code hash, submission id) in
--     submission_receipts, which nothing can tie back to a code without the
--     submission id, which is never stored.
-- Existing data is rewritten: codes and responses are copied into new tables
-- (new files, fresh system columns; responses in random order), so the old
-- link by xmin and row order is gone once the old files are removed.

-- Sets the given bits (PostgreSQL's bit numbering: bit n is bit n % 8 of byte n / 8).
create function set_bits(bits bytea, slots integer[]) returns bytea
language plpgsql immutable strict as $$
declare
  slot integer;
begin
  foreach slot in array slots loop
    bits := set_bit(bits, slot, 1);
  end loop;
  return bits;
end
$$;

create table codes_v5 (
  code_hash    text primary key,
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  stratum_key  text not null,
  -- Position of the code's bit in its stratum's bitmaps.
  slot         integer not null check (slot >= 0),
  ref          text,
  foreign key (campaign_id, stratum_key) references campaign_strata (campaign_id, stratum_key),
  unique (campaign_id, stratum_key, slot)
);

insert into codes_v5 (code_hash, campaign_id, stratum_key, slot, ref)
select code_hash, campaign_id, stratum_key,
       (row_number() over (partition by campaign_id, stratum_key order by code_hash) - 1)::int, ref
  from codes;

create table code_usage (
  campaign_id  uuid not null,
  stratum_key  text not null,
  -- Opened (or used) codes, and used codes; used codes are always opened too.
  started      bytea not null,
  completed    bytea not null,
  primary key (campaign_id, stratum_key),
  foreign key (campaign_id, stratum_key) references campaign_strata (campaign_id, stratum_key) on delete cascade
);

insert into code_usage (campaign_id, stratum_key, started, completed)
select s.campaign_id, s.stratum_key,
       set_bits(decode(repeat('00', (coalesce(n.codes, 0) + 7) / 8), 'hex'), coalesce(n.started, '{}')),
       set_bits(decode(repeat('00', (coalesce(n.codes, 0) + 7) / 8), 'hex'), coalesce(n.completed, '{}'))
  from campaign_strata s
  join (
    select v.campaign_id, v.stratum_key, count(*)::int as codes,
           array_agg(v.slot) filter (where c.status in ('started', 'completed')) as started,
           array_agg(v.slot) filter (where c.status = 'completed') as completed
      from codes_v5 v join codes c on c.code_hash = v.code_hash
     group by v.campaign_id, v.stratum_key
  ) n on n.campaign_id = s.campaign_id and n.stratum_key = s.stratum_key;

-- Receipts of stored submissions (personal codes and open links), for idempotent retries.
create table submission_receipts (
  campaign_id   uuid not null references campaigns (id) on delete cascade,
  receipt_hash  text not null,
  primary key (campaign_id, receipt_hash)
);
insert into submission_receipts (campaign_id, receipt_hash)
select campaign_id, receipt_hash from (
  select campaign_id, submission_hash as receipt_hash from codes where submission_hash is not null
  union all
  select campaign_id, submission_hash from open_submissions
) r order by random();
drop table open_submissions;

alter table drafts drop constraint drafts_code_hash_fkey;
alter table paper_entries drop constraint paper_entries_code_hash_fkey;
drop table codes;
alter table codes_v5 rename to codes;
alter index codes_v5_pkey rename to codes_pkey;
alter table codes rename constraint codes_v5_campaign_id_fkey to codes_campaign_id_fkey;
alter table codes rename constraint codes_v5_campaign_id_stratum_key_fkey to codes_stratum_fkey;
alter index codes_v5_campaign_id_stratum_key_slot_key rename to codes_slot_key;
create unique index codes_campaign_ref on codes (campaign_id, ref);
alter table drafts add constraint drafts_code_hash_fkey foreign key (code_hash) references codes (code_hash) on delete cascade;
alter table paper_entries add constraint paper_entries_code_hash_fkey foreign key (code_hash) references codes (code_hash) on delete cascade;

-- Submissions waiting for their batch. Durable from the moment they are
-- acknowledged; linkable by time only while they wait here.
create table response_pool (
  id           uuid primary key default gen_random_uuid(),
  campaign_id  uuid not null references campaigns (id) on delete cascade,
  kommunkod    text not null references kommuner (kod),
  stratum      jsonb,
  mode         text not null check (mode in ('web', 'paper')),
  -- The reminder wave in force when the answer came in (0 = the first letter).
  wave         integer not null default 0 check (wave >= 0),
  answers      jsonb not null
);
create index response_pool_campaign on response_pool (campaign_id);

-- Responses, rewritten in random order with the wave they belong to. The
-- date becomes the date of the batch that wrote the response.
create table responses_v5 (
  id             uuid primary key default gen_random_uuid(),
  campaign_id    uuid not null references campaigns (id) on delete cascade,
  kommunkod      text not null references kommuner (kod),
  stratum        jsonb,
  mode           text not null default 'web' check (mode in ('web', 'paper')),
  response_date  date not null default current_date,
  wave           integer not null default 0 check (wave >= 0),
  answers        jsonb not null
);
insert into responses_v5 (id, campaign_id, kommunkod, stratum, mode, response_date, wave, answers)
select r.id, r.campaign_id, r.kommunkod, r.stratum, r.mode, r.response_date,
       (select count(*)::int from reminder_waves w where w.campaign_id = r.campaign_id and w.sent_on <= r.response_date),
       r.answers
  from responses r order by random();
drop table responses;
alter table responses_v5 rename to responses;
alter index responses_v5_pkey rename to responses_pkey;
alter table responses rename constraint responses_v5_campaign_id_fkey to responses_campaign_id_fkey;
alter table responses rename constraint responses_v5_kommunkod_fkey to responses_kommunkod_fkey;
create index responses_campaign on responses (campaign_id);
create index responses_campaign_id on responses (campaign_id, id);

-- No planner statistics on secrets: ANALYZE would copy sample values of
-- code hashes and letter references into pg_statistic, where they would
-- outlive the codes.
alter table codes alter column code_hash set statistics 0;
alter table codes alter column ref set statistics 0;
alter table drafts alter column code_hash set statistics 0;
alter table paper_entries alter column code_hash set statistics 0;
alter table submission_receipts alter column receipt_hash set statistics 0;
