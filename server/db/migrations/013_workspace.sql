-- The workspace as its users meet it (issue 16).

-- The day the campaign was (last) opened: the date of the first mailing in
-- the fieldwork monitor. Cleared when a campaign goes back to draft.
alter table campaigns add column opened_on date;
update campaigns set opened_on = created_at::date where status <> 'draft';

-- A kommun's own population table can be switched off (kept, but never
-- chosen for an analysis) or deleted.
alter table population_tables add column active boolean not null default true;
