-- SCB's population by kommun, kön and single year of age on 31 December (Statistikdatabasen, BE0101),
-- imported by an admin for years other than the built-in 2019 table (server/reference-data).
-- 100 means 100 years or older. A year is replaced as a whole when imported again.
create table scb_population (
  year       integer not null check (year between 1968 and 2200),
  kommunkod  text not null check (kommunkod ~ '^[0-9]{4}$'),
  kon        text not null check (kon in ('kvinna', 'man')),
  alder      integer not null check (alder between 0 and 100),
  antal      integer not null check (antal >= 0),
  primary key (year, kommunkod, kon, alder)
);

create table scb_population_imports (
  year         integer primary key check (year between 1968 and 2200),
  file_name    text not null,
  kommuner     integer not null,
  total        bigint not null,
  imported_by  uuid references users (id) on delete set null,
  imported_at  timestamptz not null default now()
);
