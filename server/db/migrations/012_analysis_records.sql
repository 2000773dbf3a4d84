-- Analysis records at rest (server/services/response-records.ts): each
-- response's analysis record (its stratum, the weighting variables as
-- answered and every indicator's 0/1/missing value) is computed once, when
-- its batch moves into `responses`, and kept per campaign in a compact
-- columnar form, so that an analysis reads a few segments instead of every
-- response's answers.
--
-- Invariant: every response with `recorded` is in exactly one segment of its
-- campaign, and one without is in none. The batch move writes the responses
-- (recorded) and their segment in one transaction; responses written any
-- other way (older data, demo data) are recorded later, in chunks, by the
-- same rule.

-- Existing responses are not recorded yet; they get their records on the campaign's next analysis.
alter table responses add column recorded boolean not null default false;
create index responses_unrecorded on responses (campaign_id) where not recorded;

create table response_records (
  -- Random: the key says nothing about when a segment was written.
  id              uuid primary key default gen_random_uuid(),
  campaign_id     uuid not null references campaigns (id) on delete cascade,
  -- What the records were computed from: the record format and the campaign's template copy
  -- (md5). A segment whose key is not the campaign's current one is stale.
  definition_key  text not null,
  responses       integer not null check (responses > 0),
  -- The typed columns (server/services/record-segment.ts).
  data            bytea not null
);
create index response_records_campaign on response_records (campaign_id);

-- A correction of a recorded response (its answers, stratum or campaign, or
-- marking it unrecorded), or its deletion, leaves a stale record in a segment that cannot be edited in
-- place: the campaign's segments are dropped and all its responses marked
-- unrecorded, so the next analysis computes them again.
create function invalidate_response_records() returns trigger
language plpgsql as $$
declare
  affected uuid[];
begin
  if tg_op = 'UPDATE' then
    select array_agg(distinct c) into affected from (
      select unnest(array[o.campaign_id, n.campaign_id]) as c
        from old_rows o join new_rows n on n.id = o.id
       where o.recorded
         and (not n.recorded or o.answers is distinct from n.answers or o.stratum is distinct from n.stratum
              or o.campaign_id is distinct from n.campaign_id)
    ) changed;
  else
    select array_agg(distinct o.campaign_id) into affected from old_rows o where o.recorded;
  end if;
  if affected is not null then
    delete from response_records where campaign_id = any (affected);
    update responses set recorded = false where campaign_id = any (affected) and recorded;
  end if;
  return null;
end
$$;

create trigger responses_update_invalidates_records after update on responses
  referencing old table as old_rows new table as new_rows
  for each statement execute function invalidate_response_records();
create trigger responses_delete_invalidates_records after delete on responses
  referencing old table as old_rows
  for each statement execute function invalidate_response_records();
