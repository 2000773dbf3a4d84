import type { PublicTitle, RespondentCampaign } from '../../contracts/respondent';
import type { Queryable } from '../db/database';
import { findCampaignSurveySource, findRespondentFace, type CampaignTitles } from '../queries/campaign-fieldwork';
import { DEFAULT_SUPPORT_LINES } from '../../domain/support-lines';
import { keepLanguages } from '../../domain/templates/template-strings';
import { campaignLanguages } from './languages';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

/** The parts of a template that hold its titles. */
type TitledTemplate = { meta: Pick<TemplateDefinition['meta'], 'publicTitle'>; survey: Record<string, unknown> };

/** The last resort when a template has no title at all. */
const FALLBACK: PublicTitle = { sv: 'Enkät', en: 'Survey' };

/** A template's localised text (`"…"` or `{ default: sv, en: … }`) as a PublicTitle; undefined if it has no Swedish text. */
function fromLocalized(value: unknown): PublicTitle | undefined {
  if (typeof value === 'string') return value.trim() ? { sv: value.trim() } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const texts: Record<string, string> = {};
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
    if (typeof text === 'string' && text.trim()) texts[key === 'default' ? 'sv' : key] = text.trim();
  }
  return texts.sv ? (texts as PublicTitle) : undefined;
}

/** A template's neutral title for respondents: `meta.publicTitle`, else the survey's `title`, else "Enkät". */
export function templatePublicTitle(definition: TitledTemplate): PublicTitle {
  return fromLocalized(definition.meta.publicTitle) ?? fromLocalized(definition.survey.title) ?? FALLBACK;
}

/** The title respondents see: the campaign's own public title if the analyst set one, else the template's. */
export function publicTitleOf(stored: PublicTitle | null, definition: TitledTemplate): PublicTitle {
  return stored ?? templatePublicTitle(definition);
}

/** The public title of a campaign row that carries its stored title and its template's titles. */
export function publicTitleOfRow(row: CampaignTitles): PublicTitle {
  return publicTitleOf(row.publicTitle, { meta: { publicTitle: row.templatePublicTitle }, survey: { title: row.surveyTitle } });
}

/** The title in SurveyJS's form (`{ default: sv, en: … }`), to replace the survey's own title when it is served. */
export function asSurveyTitle(title: PublicTitle): Record<string, string> {
  const { sv, ...others } = title;
  return { default: sv, ...others };
}

/**
 * The survey JSON as served to respondents: its own title replaced by the
 * public title (survey-core shows it above the questions), and only the
 * languages they are offered (`campaign.languages`) kept in its texts.
 */
export function respondentSurvey(survey: Record<string, unknown>, campaign: Pick<RespondentCampaign, 'publicTitle' | 'languages'>): Record<string, unknown> {
  return keepLanguages({ ...survey, title: asSurveyTitle(campaign.publicTitle) }, campaign.languages);
}

/**
 * What respondents are shown of a campaign: its public title (never the
 * internal one), contact, support lines, and the languages they are
 * offered (services/languages.ts: listed, complete and reviewed).
 */
export async function respondentCampaign(db: Queryable, campaignId: string): Promise<RespondentCampaign> {
  const face = await findRespondentFace(db, campaignId);
  if (!face) throw new Error(`campaign ${campaignId} vanished`);
  const title = publicTitleOfRow(face);
  const languages = (
    await campaignLanguages(db, { id: campaignId, kommunkod: face.kommunkod, languages: face.languages }, async () => (await findCampaignSurveySource(db, campaignId))!.definition)
  ).filter((lang) => lang.offered);
  const offered = new Set(languages.map((lang) => lang.code));
  const publicTitle = Object.fromEntries(Object.entries(title).filter(([lang]) => lang === 'sv' || offered.has(lang))) as PublicTitle;
  return {
    title: title.sv,
    publicTitle,
    contact: { name: '', ...face.contact },
    languages: languages.map((lang) => lang.code),
    languageOptions: languages.map((lang) => ({ code: lang.code, name: lang.name, dir: lang.dir })),
    supportLines: face.supportLines ?? [...DEFAULT_SUPPORT_LINES],
  };
}
