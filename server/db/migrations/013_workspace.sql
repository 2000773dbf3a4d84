-- The workspace as its users meet it (issue 16).

-- The day the campaign was (last) opened: the date of the first mailing in
-- the fieldwork monitor. Cleared when a campaign goes back to draft.
alter table campaigns add column opened_on date;
update campaigns c
   set opened_on = coalesce(
         (select max(a.at)::date from audit_log a where a.action = 'campaign.open' and a.details->>'campaignId' = c.id::text),
         c.created_at::date)
 where c.status <> 'draft';

-- A kommun's own population table can be switched off (kept, but never
-- chosen for an analysis) or deleted.
alter table population_tables add column active boolean not null default true;

-- The code written on a paper form held for double entry, sealed with the
-- server secret (AES-256-GCM), so the list of differing entries can name it.
-- Deleted with the held entry.
alter table paper_entries add column code_sealed text;

-- The day the campaign was closed (campaigns.closed_on) comes from 009; the
-- county view shows it as the period's actual end.
