import type { Queryable } from '../db/database';

export interface PublishedFiguresRow {
  id: string;
  campaignId: string;
  kind: 'analysis';
  title: string;
  publishedOn: string;
  publishedBy: string | null;
}

const columns = `f.id, f.campaign_id as "campaignId", f.kind, f.title, f.published_on as "publishedOn", u.email as "publishedBy"`;

export async function insertPublishedFigures(
  db: Queryable,
  figures: { campaignId: string; kommunkod: string; title: string; parameters: unknown; figures: unknown; publishedBy: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into published_figures (campaign_id, kommunkod, kind, title, parameters, figures, published_by)
     values ($1, $2, 'analysis', $3, $4, $5, $6) returning id`,
    [figures.campaignId, figures.kommunkod, figures.title, JSON.stringify(figures.parameters), JSON.stringify(figures.figures), figures.publishedBy],
  );
  return rows[0].id;
}

export async function listPublishedFigures(db: Queryable, campaignId: string): Promise<PublishedFiguresRow[]> {
  return db.query<PublishedFiguresRow>(
    `select ${columns} from published_figures f left join users u on u.id = f.published_by
      where f.campaign_id = $1 order by f.published_on desc, f.title`,
    [campaignId],
  );
}

export async function findPublishedFigures(db: Queryable, campaignId: string, id: string): Promise<(PublishedFiguresRow & { figures: unknown }) | undefined> {
  const rows = await db.query<PublishedFiguresRow & { figures: unknown }>(
    `select ${columns}, f.figures from published_figures f left join users u on u.id = f.published_by
      where f.campaign_id = $1 and f.id = $2`,
    [campaignId, id],
  );
  return rows[0];
}
