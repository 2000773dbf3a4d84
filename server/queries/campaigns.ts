import type { CampaignKind, CampaignMode, CampaignStatus } from '../../domain/campaign';
import type { CampaignSummary } from '../../contracts/campaigns';
import type { Queryable } from '../db/database';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

const summaryColumns = `c.id, c.title, c.status, c.kind, c.kommunkod, k.namn as "kommunNamn", c.is_demo as "isDemo",
  c.template_id as "templateId", c.template_version as "templateVersion", c.mode, c.open_slug as "openSlug",
  c.created_at as "createdAt"`;

export async function listCampaigns(db: Queryable, kommunkods: readonly string[]): Promise<CampaignSummary[]> {
  return db.query<CampaignSummary>(
    `select ${summaryColumns} from campaigns c join kommuner k on k.kod = c.kommunkod
      where c.kommunkod = any($1::text[]) order by c.created_at desc`,
    [kommunkods],
  );
}

export async function countCampaigns(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from campaigns');
  return rows[0].n;
}

export interface NewCampaign {
  kommunkod: string;
  title: string;
  template: TemplateDefinition;
  mode: CampaignMode;
  openSlug?: string | null;
  status?: CampaignStatus;
  isDemo?: boolean;
  contact?: Record<string, string>;
  areas?: readonly { code: string; name: unknown }[];
  languages?: string[];
  periodStart?: string | null;
  periodEnd?: string | null;
  createdBy: string | null;
}

export async function insertCampaign(db: Queryable, campaign: NewCampaign): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into campaigns (kommunkod, kind, title, status, mode, open_slug, template_id, template_version, definition,
                            is_demo, contact, languages, period_start, period_end, created_by, areas, opened_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, case when $4 = 'draft' then null else current_date end)
     returning id`,
    [
      campaign.kommunkod,
      campaign.template.kind,
      campaign.title,
      campaign.status ?? 'draft',
      campaign.mode,
      campaign.openSlug ?? null,
      campaign.template.id,
      campaign.template.version,
      JSON.stringify(campaign.template),
      campaign.isDemo ?? false,
      JSON.stringify(campaign.contact ?? {}),
      JSON.stringify(campaign.languages ?? ['sv', 'en']),
      campaign.periodStart ?? null,
      campaign.periodEnd ?? null,
      campaign.createdBy,
      JSON.stringify(campaign.areas ?? []),
    ],
  );
  return rows[0].id;
}

export interface CampaignRow {
  id: string;
  kommunkod: string;
  kind: CampaignKind;
  title: string;
  status: CampaignStatus;
  mode: CampaignMode;
  open_slug: string | null;
  definition: TemplateDefinition;
  is_demo: boolean;
  contact: Record<string, string>;
  languages: string[];
}

const rowColumns = 'id, kommunkod, kind, title, status, mode, open_slug, definition, is_demo, contact, languages';

export async function findCampaign(db: Queryable, id: string): Promise<CampaignRow | undefined> {
  const rows = await db.query<CampaignRow>(`select ${rowColumns} from campaigns where id = $1`, [id]);
  return rows[0];
}

/** What a respondent link needs to know of its campaign: whose it is and whether it takes answers (not the definition). */
export type CampaignGate = Pick<CampaignRow, 'id' | 'kommunkod' | 'mode' | 'status'>;

/** Campaigns by open-link slug in one query, without their definitions (read on every submission); in the order of `slugs`. */
export async function findCampaignGatesBySlugs(db: Queryable, slugs: readonly string[]): Promise<(CampaignGate | undefined)[]> {
  const rows = await db.query<CampaignGate & { slug: string }>(
    'select id, kommunkod, mode, status, open_slug as slug from campaigns where open_slug = any($1::text[])',
    [slugs],
  );
  const bySlug = new Map(rows.map(({ slug, ...gate }) => [slug, gate]));
  return slugs.map((slug) => bySlug.get(slug));
}

/** Ids and statuses of the campaigns taking answers now (open), newest first. */
export async function listOpenCampaigns(db: Queryable, limit: number): Promise<{ id: string; status: string }[]> {
  return db.query<{ id: string; status: string }>(`select id, status from campaigns where status = 'open' order by created_at desc limit $1`, [limit]);
}
