import { Router } from 'express';
import { submitBody, type SubmitResponse, type SurveyResponse } from '../../contracts/respondent';
import type { Database } from '../db/database';
import { parseInput } from '../http/parse-input';
import { clientAddress, RateLimiter, rateLimit } from '../http/rate-limit';
import { FailedLookups, type LookupPolicy } from '../services/attempt-guard';
import { classLinkSurvey, findOpenClassLink, submitClassLink } from '../services/class-links';
import { openLinkSurvey, submitOpenLink } from '../services/open-link';
import type { ResponseStore } from '../services/response-store';
import { countMisses } from './respond-routes';

/**
 * Limits of the open-link API (`/api/open/:token…`, open links and class
 * links alike), sized for a class in one room: 30 pupils behind one NAT
 * open, autosave and submit freely, twice over. Per process, in memory:
 * they stop floods of fake answers, not guessing (unknown links are counted
 * in the database, `OPEN_LINK_LOOKUP_POLICY`).
 */
export interface OpenLinkLimits {
  /** Submissions per address per link in 10 minutes. */
  submissionsPerAddressPerLink: number;
  /** Submissions per link (all addresses) in 10 minutes. */
  submissionsPerLink: number;
  /** Requests of any kind per address in 10 minutes (opening, autosave, submitting). */
  requestsPerAddress: number;
}

export const defaultOpenLinkLimits: OpenLinkLimits = {
  submissionsPerAddressPerLink: 100,
  submissionsPerLink: 300,
  requestsPerAddress: 6000,
};

/** The limits with the submission limits of the configuration (OPEN_LINK_SUBMISSIONS_PER_ADDRESS, _PER_LINK). */
export function openLinkLimitsOf(config: { openLinkSubmissionsPerAddress: number; openLinkSubmissionsPerLink: number }): OpenLinkLimits {
  return { ...defaultOpenLinkLimits, submissionsPerAddressPerLink: config.openLinkSubmissionsPerAddress, submissionsPerLink: config.openLinkSubmissionsPerLink };
}

/** Unknown open or class links per address: 100 misses in 10 minutes. */
export const OPEN_LINK_LOOKUP_POLICY: LookupPolicy = { name: 'link', windowSeconds: 10 * 60, perAddress: 100 };

const TEN_MINUTES = 10 * 60_000;

/**
 * Respondent API for open links and class links (no personal codes). A
 * class link's token and an open campaign's slug share the path: the token
 * is looked up first (it is longer than any slug).
 */
export function openLinkRoutes(db: Database, store: ResponseStore, secret: Buffer, limits: OpenLinkLimits = defaultOpenLinkLimits): Router {
  const router = Router();
  const link = (token: unknown) => `link:${String(token)}`;
  router.use('/api/open', rateLimit({ perClient: new RateLimiter(limits.requestsPerAddress, TEN_MINUTES) }));
  // A limit of 0 is none (OPEN_LINK_SUBMISSIONS_PER_ADDRESS / _PER_LINK, e.g. for a load test).
  const submissions = [
    ...(limits.submissionsPerAddressPerLink > 0
      ? [rateLimit({ perClient: new RateLimiter(limits.submissionsPerAddressPerLink, TEN_MINUTES), key: (req) => `${link(req.params.slug)}|${clientAddress(req)}` })]
      : []),
    ...(limits.submissionsPerLink > 0 ? [rateLimit({ perClient: new RateLimiter(limits.submissionsPerLink, TEN_MINUTES), key: (req) => link(req.params.slug) })] : []),
  ];

  router.get('/api/open/:slug', async (req, res) => {
    const classLink = await findOpenClassLink(db, req.params.slug);
    const survey: SurveyResponse = classLink ? await classLinkSurvey(db, store, classLink) : await openLinkSurvey(db, store, req.params.slug);
    res.set('Cache-Control', 'no-store').json(survey);
  });
  router.post('/api/open/:slug/submit', ...submissions, async (req, res) => {
    const body = parseInput(submitBody, req.body);
    const slug = String(req.params.slug);
    const classLink = await findOpenClassLink(db, slug);
    const outcome = classLink ? await submitClassLink(db, store, secret, classLink, body) : await submitOpenLink(db, store, secret, slug, body);
    const answer: SubmitResponse = { status: outcome === 'created' ? 'stored' : 'already_stored' };
    res.status(outcome === 'created' ? 201 : 200).json(answer);
  });
  router.use('/api/open', countMisses(new FailedLookups(db, secret, OPEN_LINK_LOOKUP_POLICY), 'not_found'));
  return router;
}
