import type { Database } from '../db/database';
import type { AuthContext } from '../auth/auth-context';
import { writeAuditLog } from '../queries/audit-log';
import {
  insertRegisteredTable,
  listRegisteredTables,
  type RegisteredTableSummary,
  type RegisteredUnit,
} from '../queries/population-registered-tables';
import type { AggregateRow } from '../queries/population-tables';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { findCampaignForAnalyst } from './campaigns';
import { ageGroupRule, areaRule, parseAggregateCsv, sexRule, uploadError } from './population-csv';

export interface RegisteredUpload {
  csv: string;
  fileName: string;
  name: string;
  period: string;
  unit: RegisteredUnit;
}

/**
 * Validates a REG.csv against the campaign's questionnaire: `indikator` is an
 * indicator id or a register category of the template (a category stands for
 * every indicator with that category), domain columns kon, aldersgrupp and
 * omrade (empty = all), `antal` a whole number ≥ 0.
 */
export async function parseRegisteredCsv(csv: string, fileName: string, template: TemplateDefinition): Promise<{ columns: string[]; rows: AggregateRow[] }> {
  const indicators = template.meta.indicators;
  const categories = [...new Set(indicators.map((i) => i.registerCategory).filter((c): c is string => c !== null))];
  const ids = indicators.map((i) => i.id);
  const parsed = await parseAggregateCsv(csv, fileName, {
    variables: {
      indikator: { values: [...ids, ...categories.filter((c) => !ids.includes(c))] },
      kon: { ...sexRule, optional: true },
      aldersgrupp: { ...ageGroupRule, optional: true },
      omrade: { ...areaRule, optional: true },
    },
    required: ['indikator'],
  });
  const rows: AggregateRow[] = [];
  const seen = new Map<string, number>();
  parsed.rows.forEach((row, r) => {
    const value = String(row.indikator);
    const targets = ids.includes(value) ? [value] : indicators.filter((i) => i.registerCategory === value).map((i) => i.id);
    for (const indicator of targets) {
      const expanded: AggregateRow = { ...row, indikator: indicator };
      const key = JSON.stringify(parsed.columns.filter((c) => c !== 'antal').map((c) => expanded[c]));
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw uploadError(fileName, parsed.lines[r], 'indikator', `indikatorn ${indicator} med samma grupp finns redan på rad ${earlier} (en registerkategori gäller alla indikatorer med den kategorin)`);
      }
      seen.set(key, parsed.lines[r]);
      rows.push(expanded);
    }
  });
  return { columns: parsed.columns, rows };
}

/** Stores registered counts (aggregates only) for a campaign's mörkertal; audit-logged. */
export async function uploadRegisteredTable(db: Database, auth: AuthContext, campaignId: string, upload: RegisteredUpload): Promise<RegisteredTableSummary> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const { columns, rows } = await parseRegisteredCsv(upload.csv, upload.fileName, campaign.definition);
  const id = await insertRegisteredTable(db, {
    campaignId: campaign.id,
    kommunkod: campaign.kommunkod,
    name: upload.name,
    period: upload.period,
    unit: upload.unit,
    fileName: upload.fileName,
    columns,
    rows,
    createdBy: auth.userId,
  });
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: campaign.kommunkod,
    action: 'campaign.registered_upload',
    details: { campaignId: campaign.id, tableId: id, columns, rows: rows.length },
  });
  return (await listRegisteredTables(db, campaign.id)).find((t) => t.id === id)!;
}

export async function listRegisteredTablesFor(db: Database, auth: AuthContext, campaignId: string): Promise<RegisteredTableSummary[]> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  return listRegisteredTables(db, campaign.id);
}
