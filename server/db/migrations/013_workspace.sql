-- The workspace as its users meet it (issue 16).

-- The day the campaign was (last) opened: the date of the first mailing in
-- the fieldwork monitor. Cleared when a campaign goes back to draft.
alter table campaigns add column opened_on date;
update campaigns set opened_on = created_at::date where status <> 'draft';

-- A kommun's own population table can be switched off (kept, but never
-- chosen for an analysis) or deleted.
alter table population_tables add column active boolean not null default true;

-- The code written on a paper form held for double entry, sealed with the
-- server secret (AES-256-GCM), so the list of differing entries can name it.
-- Deleted with the held entry.
alter table paper_entries add column code_sealed text;
