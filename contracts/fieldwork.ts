/**
 * Wire schemas of a population survey's fieldwork for analysts: settings,
 * lifecycle, personal codes, progress and reminders (docs/api.md).
 */
import { z } from 'zod';
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_STATUSES } from '../domain/campaign';
import { classProgress } from './classes';
import { campaignAreaResponse, list } from './common';
import { publicTitle } from './respondent';
import { campaignRetention } from './retention';

const isoDate = z.iso.date();
const localized = z.union([z.string().trim().min(1).max(200), z.record(z.string(), z.string().max(200))]);

/** Body of PATCH /api/campaigns/:id (områden and modules only while a draft). */
export const campaignPatchBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  /** What respondents see; null goes back to the template's neutral title. */
  publicTitle: publicTitle.nullable().optional(),
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'språkkod som sv, en')).min(1).max(20).optional(),
  contact: z
    .object({
      name: z.string().trim().min(1).max(200),
      phone: z.string().trim().max(50).optional(),
      email: z.email().optional(),
      url: z.url().optional(),
    })
    .optional(),
  areas: z.array(z.object({ code: z.string().trim().min(1).max(50), name: localized })).max(500).optional(),
  modules: z.record(z.string(), z.boolean()).optional(),
});
export type CampaignPatch = z.infer<typeof campaignPatchBody>;

const responseCounts = z.object({ web: z.number(), paper: z.number() });

/** GET /api/campaigns/:id (and the answer of PATCH): settings, template and fieldwork counts. */
export const campaignDetailResponse = z.object({
  id: z.string(),
  kommunkod: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  /** Internal title: shown in the workspace only. */
  title: z.string(),
  /** What respondents see (survey heading, letters, paper form). */
  publicTitle,
  /** `template`: the template's neutral title, not set for this campaign. */
  publicTitleSource: z.enum(['template', 'campaign']),
  status: z.enum(CAMPAIGN_STATUSES),
  mode: z.enum(CAMPAIGN_MODES),
  openSlug: z.string().nullable(),
  isDemo: z.boolean(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  languages: list(z.string()),
  /** Each listed language (and Swedish): offered to respondents or not, and why not (missing or unreviewed translations). */
  languageStatus: list(z.object({ code: z.string(), name: z.string(), offered: z.boolean(), reasons: list(z.string()) })),
  /** The kommun's contact shown to respondents; `{}` until set. */
  contact: z.object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), url: z.string().optional() }),
  areas: list(campaignAreaResponse),
  modules: z.record(z.string(), z.boolean()),
  template: z.object({ id: z.string(), version: z.number(), title: z.string() }),
  codesDeletedOn: z.string().nullable(),
  /** The day the campaign was last opened: the first mailing's date. Null for a draft. */
  openedOn: z.string().nullable(),
  createdAt: z.string(),
  counts: z.object({ invited: z.number(), started: z.number(), completed: z.number(), responses: z.number(), byMode: responseCounts }),
  /** When the responses are deleted under the kommun's retention rule (gallring). */
  retention: campaignRetention,
  /** Everything handed in: stored and waiting responses, single paper entries of a double entry, screening registrations. */
  answers: z.number(),
  /** Which lifecycle actions are allowed now: `open` needs codes (personal-code mode); back to draft and delete need no answers. */
  can: z.object({ open: z.boolean(), reopenDraft: z.boolean(), delete: z.boolean() }),
});
export type CampaignDetail = z.infer<typeof campaignDetailResponse>;

/** Answer of POST /api/campaigns/:id/open, /close, /archive and /reopen-draft. */
export const statusChangeResponse = z.object({ status: z.enum(CAMPAIGN_STATUSES) });
export type StatusChange = z.infer<typeof statusChangeResponse>;

/** Answer of POST /api/campaigns/:id/delete-codes. */
export const deleteCodesResponse = z.object({ deleted: z.number() });
export type DeletedCodes = z.infer<typeof deleteCodesResponse>;

const stratumValue = z.string().trim().min(1).max(100);

/**
 * Body of POST /api/campaigns/:id/codes: what the analyst's browser (or
 * `npm run draw`) sends after drawing the sample locally. Strata, N_h and
 * counts only: the frame never crosses the wire.
 */
export const issueCodesBody = z.object({
  strata: z
    .array(
      z
        .object({
          stratum: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'variabelnamn med små bokstäver'), stratumValue),
          /** Codes to issue; 0 (with N) records only N_h, for a stratum of the frame that got no letters. */
          count: z.number().int().min(0).max(200_000),
          N: z.number().int().min(1).optional(),
        })
        .refine((s) => s.count >= 1 || s.N !== undefined, { path: ['count'], message: 'minst 1 (0 bara tillsammans med N)' }),
    )
    .min(1)
    .max(10_000)
    .refine((strata) => strata.reduce((sum, s) => sum + s.count, 0) <= 200_000, 'högst 200 000 koder per anrop'),
});
export type IssueCodesBody = z.infer<typeof issueCodesBody>;

/** Answer of POST /api/campaigns/:id/codes (201): the plaintext codes, shown once. */
export const issueCodesResponse = z.object({ codes: list(z.object({ code: z.string(), ref: z.string(), stratum: z.record(z.string(), z.string()) })) });
export type IssuedCodes = z.infer<typeof issueCodesResponse>;

/** One sampling stratum in the fieldwork monitor. */
export const stratumProgress = z.object({
  stratum: z.record(z.string(), z.string()),
  invited: z.number(),
  /** Codes opened at least once (those completed on the web included). */
  started: z.number(),
  completed: z.number(),
  /** N_h, when known. */
  populationSize: z.number().nullable(),
});
export type StratumProgress = z.infer<typeof stratumProgress>;

/** GET /api/campaigns/:id/progress: invited, started and completed by stratum; responses by mode, week and reminder wave. */
export const progressResponse = z.object({
  totals: z.object({ invited: z.number(), started: z.number(), completed: z.number() }),
  strata: list(stratumProgress),
  byMode: responseCounts,
  byWeek: list(z.object({ weekStart: z.string(), web: z.number(), paper: z.number() })),
  /** Wave 0 is the first letter; a response belongs to the wave in force when it came in. */
  byWave: list(z.object({ wave: z.number(), sentOn: z.string().nullable(), codeCount: z.number(), responses: z.number() })),
  /** Submissions waiting for their batch (docs/privacy.md); counted in byMode and byWave, in byWeek once written. */
  waiting: z.number(),
  /** Class-link campaigns: submissions per class (completed of elever); `[]` for other campaigns. */
  byClass: list(classProgress),
});
export type Progress = z.infer<typeof progressResponse>;

/** Answer of POST /api/campaigns/:id/reminders (201). */
export const reminderWaveResponse = z.object({ wave: z.number(), sentOn: z.string(), codeCount: z.number() });
export type ReminderWave = z.infer<typeof reminderWaveResponse>;
