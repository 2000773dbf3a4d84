import { randomBytes } from 'node:crypto';
import { CsvInputError, csvLine } from '../../domain/csv';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { badRequest, conflict, HttpError, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findCampaignSamplingSettings, insertFrameUpload, recordDrawOnUpload } from '../queries/sampling';
import { parseAgeGroups } from '../sampling/age-group';
import { allocateSample, type Allocation, type AllocationMethod, type Stratum } from '../sampling/allocate-sample';
import { drawStratifiedSample } from '../sampling/draw-stratified-sample';
import { parseFrame, type FramePerson } from '../sampling/parse-frame';
import { SamplingInputError } from '../sampling/sampling-input-error';
import { findCampaignForAnalyst } from './campaigns';
import { issueCodes, stratumKeyOf } from './personal-codes';

/** How long an uploaded frame is held in memory. */
export const FRAME_TTL_MS = 30 * 60 * 1000;

/**
 * A frame held in this process's memory only: person ids are never written
 * to the database or to disk. With several server processes, the upload, the
 * previews and the draw must reach the same process (sticky sessions).
 */
interface HeldFrame {
  readonly campaignId: string;
  readonly uploadId: string;
  readonly fileName: string;
  readonly strata: Map<string, { stratum: Stratum; persons: FramePerson[] }>;
  readonly expiresAt: number;
  readonly timer: NodeJS.Timeout;
}

const frames = new Map<string, HeldFrame>();
/** Tokens that were drawn or expired, kept (without data) so that a second request gets 410. */
const spentTokens = new Map<string, number>();

function dropFrame(token: string): void {
  const frame = frames.get(token);
  if (frame) clearTimeout(frame.timer);
  frames.delete(token);
  spentTokens.set(token, Date.now() + FRAME_TTL_MS);
  for (const [spent, until] of spentTokens) if (until < Date.now()) spentTokens.delete(spent);
}

function heldFrame(token: string, campaignId: string): HeldFrame {
  const frame = frames.get(token);
  if (frame && frame.campaignId === campaignId) {
    if (frame.expiresAt > Date.now()) return frame;
    dropFrame(token);
  }
  if (spentTokens.has(token)) {
    throw new HttpError(410, 'gone', 'Urvalsramen finns inte längre: urvalet är redan draget eller filen har legat för länge (30 minuter). Ladda upp filen igen.');
  }
  throw notFound('Urvalsramen finns inte. Ladda upp filen igen.');
}

/** Number of frames currently held (for tests and monitoring). */
export function heldFrameCount(): number {
  return frames.size;
}

async function samplingCampaign(db: Database, auth: AuthContext, campaignId: string) {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  if (campaign.kind !== 'population' || campaign.mode !== 'codes') throw conflict('Urval kan bara dras för befolkningsenkäter med personliga koder.');
  if (campaign.status !== 'draft' && campaign.status !== 'open') throw conflict('Urval kan bara dras innan undersökningen har stängts.');
  return campaign;
}

export interface FrameSummary {
  uploadToken: string;
  uploadId: string;
  fileName: string;
  rowCount: number;
  included: number;
  excluded: { outsideAge: number; noAgeGroup: number };
  population: { minAge: number; maxAge: number } | null;
  referenceYear: number;
  strata: { stratum: Stratum; N: number }[];
  expiresAt: string;
}

/**
 * Parses and checks a frame extract for a campaign and holds it in memory
 * for `FRAME_TTL_MS`. Records an `uploads` row with metadata only.
 *
 * The reference year for ages is the year of the campaign's period start,
 * else the current year.
 * @throws HttpError 400 naming file, line and column for a bad file (details.errors lists up to 100 row errors).
 */
export async function uploadFrame(db: Database, auth: AuthContext, campaignId: string, text: string, fileName: string): Promise<FrameSummary> {
  const campaign = await samplingCampaign(db, auth, campaignId);
  const settings = await findCampaignSamplingSettings(db, campaignId);
  const meta = campaign.definition.meta;
  const labels = meta.weighting.ageGroups;
  if (!labels || labels.length === 0) throw conflict('Enkätmallen saknar åldersgrupper (meta.weighting.ageGroups), så urvalet kan inte stratifieras.');
  const referenceYear = settings?.periodStart ? Number(settings.periodStart.slice(0, 4)) : new Date().getFullYear();
  let parsed;
  try {
    parsed = parseFrame(text, fileName, {
      referenceYear,
      minAge: meta.population?.minAge,
      maxAge: meta.population?.maxAge,
      ageGroups: parseAgeGroups(labels),
      areas: settings && settings.areaCodes.length > 0 ? settings.areaCodes : undefined,
    });
  } catch (error) {
    if (error instanceof CsvInputError) throw badRequest(error.message, { errors: [csvErrorDetail(error)] });
    if (error instanceof SamplingInputError) throw conflict(error.message);
    throw error;
  }
  if (parsed.errors.length > 0) {
    const more = parsed.errors.length > 1 ? ` (och ${parsed.errors.length - 1} fel till)` : '';
    throw badRequest(parsed.errors[0].message + more, { errors: parsed.errors.map(csvErrorDetail) });
  }
  if (parsed.persons.length === 0) throw badRequest(`${fileName}: ingen person i filen ligger inom undersökningens åldersintervall.`);

  const strata = new Map<string, { stratum: Stratum; persons: FramePerson[] }>();
  for (const person of parsed.persons) {
    const stratum: Stratum = { kon: person.kon, aldersgrupp: person.aldersgrupp, omrade: person.omrade };
    const key = stratumKeyOf({ ...stratum });
    let entry = strata.get(key);
    if (!entry) strata.set(key, (entry = { stratum, persons: [] }));
    entry.persons.push(person);
  }
  const summaryStrata = [...strata.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { stratum, persons }]) => ({ stratum, N: persons.length }));
  const excluded = { outsideAge: parsed.excludedOutsideAge, noAgeGroup: parsed.excludedNoAgeGroup };
  const uploadId = await insertFrameUpload(db, {
    kommunkod: campaign.kommunkod,
    campaignId,
    fileName,
    rowCount: parsed.rowCount,
    meta: { included: parsed.persons.length, excluded, referenceYear, strata: summaryStrata.length },
    createdBy: auth.userId,
  });
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'sampling.frame_upload', details: { campaignId, uploadId, rows: parsed.rowCount } });

  const token = randomBytes(24).toString('base64url');
  const expiresAt = Date.now() + FRAME_TTL_MS;
  const timer = setTimeout(() => dropFrame(token), FRAME_TTL_MS);
  timer.unref();
  frames.set(token, { campaignId, uploadId, fileName, strata, expiresAt, timer });
  return {
    uploadToken: token,
    uploadId,
    fileName,
    rowCount: parsed.rowCount,
    included: parsed.persons.length,
    excluded,
    population: meta.population ?? null,
    referenceYear,
    strata: summaryStrata,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

function csvErrorDetail(error: CsvInputError) {
  return { file: error.file, line: error.line ?? null, column: error.column ?? null, message: error.message };
}

export interface AllocationRequest {
  uploadToken: string;
  method: 'proportional' | 'equal' | 'precision';
  total?: number;
  perOmrade?: number;
  targetHalfWidth?: number;
  expectedPrevalence?: number;
  expectedResponseRate?: number;
}

function allocationOf(frame: HeldFrame, request: AllocationRequest): Allocation {
  const sizes = [...frame.strata.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { stratum, persons }]) => ({ stratum, N: persons.length }));
  let method: AllocationMethod;
  const need = (value: number | undefined, field: string): number => {
    if (value === undefined) throw badRequest(`Fältet "${field}" behövs för metoden ${request.method}.`, { field });
    return value;
  };
  if (request.method === 'proportional') method = { method: 'proportional', total: need(request.total, 'total') };
  else if (request.method === 'equal') method = { method: 'equal', perOmrade: need(request.perOmrade, 'perOmrade') };
  else {
    method = {
      method: 'precision',
      targetHalfWidth: need(request.targetHalfWidth, 'targetHalfWidth'),
      expectedPrevalence: need(request.expectedPrevalence, 'expectedPrevalence'),
      expectedResponseRate: need(request.expectedResponseRate, 'expectedResponseRate'),
    };
  }
  try {
    return allocateSample(sizes, method, { expectedResponseRate: request.expectedResponseRate, expectedPrevalence: request.expectedPrevalence });
  } catch (error) {
    if (error instanceof SamplingInputError) throw badRequest(error.message.replace(/^allocateSample: /, ''));
    throw error;
  }
}

/** The allocation table for a held frame (a preview; nothing is stored). */
export async function previewAllocation(db: Database, auth: AuthContext, campaignId: string, request: AllocationRequest): Promise<Allocation> {
  await samplingCampaign(db, auth, campaignId);
  return allocationOf(heldFrame(request.uploadToken, campaignId), request);
}

export interface DrawResult {
  seed: string;
  allocation: Allocation;
  /** The letter-merge file: person id, code, link, QR payload, stratum. Returned once. */
  csv: string;
}

/**
 * Draws the stratified sample from a held frame with a recorded seed (given
 * or 128 random bits), issues one personal code per drawn person through
 * `issueCodes` (recording N_h and n_h), and returns the letter-merge CSV.
 * The frame is dropped from memory: a second draw gets 410. The seed and
 * sizes are recorded on the upload row and in the audit log; no person ids.
 */
export async function drawSample(
  db: Database,
  secret: Buffer,
  auth: AuthContext,
  campaignId: string,
  request: AllocationRequest & { seed?: string },
  linkBase: string,
): Promise<DrawResult> {
  const campaign = await samplingCampaign(db, auth, campaignId);
  const frame = heldFrame(request.uploadToken, campaignId);
  const allocation = allocationOf(frame, request);
  const seed = request.seed ?? randomBytes(16).toString('hex');
  // Take the frame out before any await, so that concurrent draws cannot both use it.
  frames.delete(request.uploadToken);
  let codesIssued = false;
  try {
    const units = new Map([...frame.strata].map(([key, entry]) => [key, entry.persons]));
    const sizes = new Map(allocation.strata.map((s) => [stratumKeyOf({ ...s.stratum }), s.n]));
    const drawn = drawStratifiedSample(units, sizes, seed);
    const issued = await issueCodes(
      db,
      secret,
      campaignId,
      allocation.strata.map((s) => ({ stratum: { ...s.stratum }, count: s.n, N: s.N })),
    );
    codesIssued = true;
    const codesByStratum = new Map<string, { code: string; ref: string }[]>();
    for (const code of issued) {
      const key = stratumKeyOf(code.stratum);
      const list = codesByStratum.get(key) ?? [];
      list.push({ code: code.code, ref: code.ref });
      codesByStratum.set(key, list);
    }
    // `ref` is the non-secret letter reference that reminder lists and paper-entry reports use.
    let csv = csvLine(['person_id', 'kod', 'lank', 'qr', 'kon', 'aldersgrupp', 'omrade', 'ref']);
    for (const [key, persons] of [...drawn].sort(([a], [b]) => a.localeCompare(b))) {
      const codes = codesByStratum.get(key) ?? [];
      if (codes.length !== persons.length) throw new Error(`issued ${codes.length} codes for ${persons.length} persons in a stratum`);
      persons.forEach((person, i) => {
        const link = `${linkBase}/s/${codes[i].code}`;
        csv += csvLine([person.id, codes[i].code, link, link, person.kon, person.aldersgrupp, person.omrade, codes[i].ref]);
      });
    }
    const draw = { seed, method: allocation.method, n: allocation.n, N: allocation.N, strata: allocation.strata.length, drawnAt: new Date().toISOString() };
    await recordDrawOnUpload(db, frame.uploadId, draw);
    await writeAuditLog(db, {
      userId: auth.userId,
      kommunkod: campaign.kommunkod,
      action: 'sampling.draw',
      details: { campaignId, uploadId: frame.uploadId, seed, method: allocation.method, n: allocation.n, N: allocation.N },
    });
    dropFrame(request.uploadToken);
    return { seed, allocation, csv };
  } catch (error) {
    // issueCodes is one transaction: if it (or the draw before it) failed, nothing was issued and the
    // frame is kept for a retry. After codes exist, the frame is dropped so it can never be drawn twice.
    if (codesIssued) dropFrame(request.uploadToken);
    else frames.set(request.uploadToken, frame);
    throw error;
  }
}
