-- The lägesbild's method section: how the sample was designed, as the analyst's browser (or
-- `npm run draw`) describes it when the codes are issued. Counts and choices only: the register
-- extract's date and size, the allocation and its parameters, never a person or the seed.
alter table campaigns add column sample_design jsonb;
