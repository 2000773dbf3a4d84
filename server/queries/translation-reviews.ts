import type { Queryable } from '../db/database';

/** A kommun's mark that one language of one subject (a template version, or the respondent UI) was reviewed. */
export interface TranslationReviewRow {
  subject: string;
  lang: string;
  contentHash: string;
  reviewer: string;
  reviewedOn: string;
}

/** The subject of a template version's review. */
export const templateSubject = (id: string, version: number) => `template:${id}@${version}`;
/** The subject of the respondent UI's strings. */
export const UI_SUBJECT = 'ui';

/** The kommun's review marks for the given subjects. */
export async function listTranslationReviews(db: Queryable, kommunkod: string, subjects: readonly string[]): Promise<TranslationReviewRow[]> {
  return db.query<TranslationReviewRow>(
    `select subject, lang, content_hash as "contentHash", reviewer, reviewed_on::text as "reviewedOn"
       from translation_reviews where kommunkod = $1 and subject = any($2::text[])`,
    [kommunkod, subjects],
  );
}

/** Records (or replaces) a review mark. */
export async function upsertTranslationReview(
  db: Queryable,
  review: { kommunkod: string; subject: string; lang: string; contentHash: string; reviewer: string; reviewedBy: string },
): Promise<void> {
  await db.query(
    `insert into translation_reviews (kommunkod, subject, lang, content_hash, reviewer, reviewed_by)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (kommunkod, subject, lang) do update
       set content_hash = excluded.content_hash, reviewer = excluded.reviewer, reviewed_by = excluded.reviewed_by, reviewed_on = current_date`,
    [review.kommunkod, review.subject, review.lang, review.contentHash, review.reviewer, review.reviewedBy],
  );
}

/** Removes a review mark; true if there was one. */
export async function deleteTranslationReview(db: Queryable, kommunkod: string, subject: string, lang: string): Promise<boolean> {
  const rows = await db.query('delete from translation_reviews where kommunkod = $1 and subject = $2 and lang = $3 returning 1', [kommunkod, subject, lang]);
  return rows.length === 1;
}
