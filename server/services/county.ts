import { parseAgeGroups } from '../../domain/age-groups';
import { countyLan, type AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { forbidden, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { clipAgeGroups, populationTotal, SCB_SOURCE } from './county-population';
import { countScreeningActivity, listClosedPopulationCampaigns, listKommunerOfLan, type LanKommun } from '../queries/county';
import type { CountyKommuner, CountyKommunerQuery } from '../../contracts/county';

/**
 * The kommuner of a län the caller may see as county viewer. 403 for a län
 * outside the viewer's roles (whether or not it exists), 404 for an unknown
 * län code of the viewer's own.
 */
export async function countyKommunerFor(db: Database, auth: AuthContext, lanKod: string): Promise<LanKommun[]> {
  if (!countyLan(auth).includes(lanKod)) throw forbidden(`Du har ingen länsroll för län ${lanKod}.`);
  const kommuner = await listKommunerOfLan(db, lanKod);
  if (kommuner.length === 0) throw notFound(`Länet ${lanKod} finns inte.`);
  return kommuner;
}

/**
 * The län's kommuner with their SCB 2019 population in the age range, their
 * closed population campaigns (title, period, response count) and screening
 * activity (counts). Aggregates only; audit-logged.
 */
export async function countyKommuner(db: Database, auth: AuthContext, lanKod: string, query: CountyKommunerQuery): Promise<CountyKommuner> {
  const kommuner = await countyKommunerFor(db, auth, lanKod);
  const kods = kommuner.map((k) => k.kod);
  const groups = clipAgeGroups(parseAgeGroups(`${query.minAge}-${query.maxAge}`), query.minAge, query.maxAge);
  const [campaigns, screening] = await Promise.all([listClosedPopulationCampaigns(db, kods), countScreeningActivity(db, kods)]);
  const templateKommuner = new Map<string, Set<string>>();
  const templateTitles = new Map<string, string>();
  for (const c of campaigns) {
    if (!templateKommuner.has(c.templateId)) templateKommuner.set(c.templateId, new Set());
    templateKommuner.get(c.templateId)!.add(c.kommunkod);
    templateTitles.set(c.templateId, c.templateTitle);
  }
  await writeAuditLog(db, { userId: auth.userId, kommunkod: null, action: 'county.kommuner', details: { lanKod, ...query } });
  return {
    lan: { kod: lanKod, namn: kommuner[0].lanNamn },
    ageRange: [query.minAge, query.maxAge],
    source: SCB_SOURCE,
    templates: [...templateKommuner].map(([id, set]) => ({ id, title: templateTitles.get(id) ?? id, kommuner: set.size })).sort((a, b) => b.kommuner - a.kommuner || a.id.localeCompare(b.id)),
    kommuner: kommuner.map((k) => {
      const activity = screening.find((s) => s.kommunkod === k.kod);
      return {
        kod: k.kod,
        namn: k.namn,
        population: populationTotal(k.kod, groups),
        closedPopulationCampaigns: campaigns
          .filter((c) => c.kommunkod === k.kod)
          .map((c) => ({ templateId: c.templateId, title: c.title, periodEnd: c.periodEnd, closedOn: c.closedOn, responses: c.responses })),
        screening: { campaigns: activity?.campaigns ?? 0, registrations: activity?.registrations ?? 0 },
      };
    }),
  };
}
