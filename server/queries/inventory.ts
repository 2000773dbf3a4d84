import type { InventoryCount } from '../../domain/inventory';
import type { Queryable } from '../db/database';

/** A unit's stored inventory report: who reported it and when (staff metadata), its version and counts. */
export interface InventoryReportRow {
  unitId: string;
  version: number;
  reportedOn: string;
  counts: InventoryCount[];
}

/** The unit's report, or undefined when it has not reported. */
export async function findInventoryReport(db: Queryable, campaignId: string, unitId: string): Promise<InventoryReportRow | undefined> {
  const rows = await db.query<InventoryReportRow>(
    `select r.unit_id as "unitId", r.version, r.reported_on::text as "reportedOn",
            coalesce((select json_agg(json_build_object('kategori', c.kategori, 'kon', c.kon, 'aldersgrupp', c.aldersgrupp, 'antal', c.antal)
                                      order by c.kategori, c.kon, c.aldersgrupp)
                        from inventory_counts c where c.campaign_id = r.campaign_id and c.unit_id = r.unit_id), '[]'::json) as counts
       from inventory_reports r where r.campaign_id = $1 and r.unit_id = $2`,
    [campaignId, unitId],
  );
  return rows[0];
}

/** Every report of a campaign with the unit's name, by unit name. */
export async function listInventoryReports(db: Queryable, campaignId: string): Promise<(InventoryReportRow & { enhet: string; verksamhet: string })[]> {
  return db.query(
    `select r.unit_id as "unitId", u.enhet, u.verksamhet, r.version, r.reported_on::text as "reportedOn",
            coalesce((select json_agg(json_build_object('kategori', c.kategori, 'kon', c.kon, 'aldersgrupp', c.aldersgrupp, 'antal', c.antal)
                                      order by c.kategori, c.kon, c.aldersgrupp)
                        from inventory_counts c where c.campaign_id = r.campaign_id and c.unit_id = r.unit_id), '[]'::json) as counts
       from inventory_reports r join units u on u.id = r.unit_id where r.campaign_id = $1 order by u.enhet`,
    [campaignId],
  );
}

/**
 * Records a save of a unit's report: inserted at version 1 when `expected`
 * is 0, else its version raised only if it is still `expected`. Returns
 * false when another save won the race (nothing written). Run it with
 * `replaceInventoryCounts` in one transaction.
 */
export async function bumpInventoryReport(db: Queryable, report: { campaignId: string; unitId: string; expected: number; reportedBy: string }): Promise<boolean> {
  const rows =
    report.expected === 0
      ? await db.query(
          `insert into inventory_reports (campaign_id, unit_id, version, reported_by) values ($1, $2, 1, $3)
           on conflict (campaign_id, unit_id) do nothing returning 1`,
          [report.campaignId, report.unitId, report.reportedBy],
        )
      : await db.query(
          `update inventory_reports set version = version + 1, reported_by = $4, reported_on = current_date
            where campaign_id = $1 and unit_id = $2 and version = $3 returning 1`,
          [report.campaignId, report.unitId, report.expected, report.reportedBy],
        );
  return rows.length === 1;
}

/** Replaces a unit's counts with the given ones. */
export async function replaceInventoryCounts(db: Queryable, campaignId: string, unitId: string, counts: readonly InventoryCount[]): Promise<void> {
  await db.query('delete from inventory_counts where campaign_id = $1 and unit_id = $2', [campaignId, unitId]);
  await db.query(
    `insert into inventory_counts (campaign_id, unit_id, kategori, kon, aldersgrupp, antal)
     select $1, $2, t.kategori, t.kon, t.aldersgrupp, t.antal
       from unnest($3::text[], $4::text[], $5::text[], $6::int[]) as t(kategori, kon, aldersgrupp, antal)`,
    [campaignId, unitId, counts.map((c) => c.kategori), counts.map((c) => c.kon), counts.map((c) => c.aldersgrupp), counts.map((c) => c.antal)],
  );
}
