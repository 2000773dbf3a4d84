import type { Queryable } from '../db/database';

export interface StratumRow {
  stratumKey: string;
  stratum: Record<string, string>;
  populationSize: number | null;
  invited: number;
  /** Started and completed counts kept when the codes were deleted (0 before). */
  started: number;
  completed: number;
}

/**
 * Adds `invited` to a stratum (creating it) and sets its population size N_h
 * when one is given.
 */
export async function addToStratum(
  db: Queryable,
  campaignId: string,
  stratum: { key: string; values: Record<string, string>; invited: number; populationSize?: number },
): Promise<void> {
  await db.query(
    `insert into campaign_strata (campaign_id, stratum_key, stratum, population_size, invited) values ($1, $2, $3, $4, $5)
     on conflict (campaign_id, stratum_key) do update
       set invited = campaign_strata.invited + excluded.invited,
           population_size = coalesce(excluded.population_size, campaign_strata.population_size)`,
    [campaignId, stratum.key, JSON.stringify(stratum.values), stratum.populationSize ?? null, stratum.invited],
  );
}

export async function listStrata(db: Queryable, campaignId: string): Promise<StratumRow[]> {
  return db.query<StratumRow>(
    `select stratum_key as "stratumKey", stratum, population_size as "populationSize", invited, started, completed
       from campaign_strata where campaign_id = $1 order by stratum_key`,
    [campaignId],
  );
}
