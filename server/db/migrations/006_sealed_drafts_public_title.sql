-- Sealed drafts, and a campaign title for respondents.
--
-- Drafts used to be plaintext answers under the code's hash, readable by
-- anyone with the letter. Now the browser seals a draft with a key derived
-- from the code and a resume word that the server never sees; the server
-- keeps the sealed blob, the key-derivation parameters and a keyed hash of a
-- verifier derived alongside the key. Old plaintext drafts cannot be sealed
-- afterwards, so they are dropped with their table (and its data files): a
-- respondent who was in the middle of a survey starts again.
drop table drafts;

create table drafts (
  code_hash        text primary key references codes (code_hash) on delete cascade,
  campaign_id      uuid not null references campaigns (id) on delete cascade,
  -- AES-256-GCM ciphertext with its tag, and the 12-byte IV, base64url.
  ciphertext       text not null,
  iv               text not null,
  -- PBKDF2-SHA-256 salt (base64url) and iteration count, returned so that the browser can derive the key again.
  salt             text not null,
  iterations       integer not null check (iterations >= 600000),
  -- HMAC-SHA-256 (server secret) of the code hash and the verifier: checks a resume word without revealing it.
  verifier_hash    text not null,
  -- Wrong resume words in a row; at 5 the draft is locked and can only be discarded.
  failed_attempts  integer not null default 0 check (failed_attempts >= 0)
);
create index drafts_campaign on drafts (campaign_id);

-- What respondents see as the survey's title (heading, paper form), per
-- language: {"sv": …, "en": …}. Null: the template's neutral title.
alter table campaigns add column public_title jsonb;
