/**
 * Templates are safe to render (issue 10, item 5). The probe: a template's
 * `<meta http-equiv=refresh>` redirected the respondent page and the staff
 * print page to any URL (a fake BankID page), and a validator `^(a+)+$` ran
 * on anonymous answers, 287 ms at 25 characters and ×2.4 per character more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTemplateVersion } from '../../../server/queries/template-versions';
import type { TemplateDefinition } from '../../../domain/templates/template-schema';
import { newSubmissionId } from '../fieldwork-helpers';
import { startTestServer, type TestServer } from '../test-server';

let server: TestServer;
let token: string;
let demo: TemplateDefinition;

const REFRESH = '<meta http-equiv="refresh" content="0;url=https://bankid.example.net/login">';

function withElements(elements: unknown[], extra: Record<string, unknown> = {}): TemplateDefinition {
  const survey = structuredClone(demo.survey) as { pages: { elements: unknown[] }[] } & Record<string, unknown>;
  survey.pages[0].elements.unshift(...elements);
  return { ...demo, survey: { ...survey, ...extra } };
}

/** A campaign of the template, opened with one code; returns the survey JSON its respondent gets. */
async function respondentSurveyOf(templateId: string, templateVersion?: number): Promise<{ survey: string; code: string }> {
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId, ...(templateVersion ? { templateVersion } : {}), title: 'Mallsäkerhet' } });
  expect(created.status).toBe(201);
  const issued = await server.request('POST', `/api/campaigns/${created.body.id}/codes`, { token, body: { strata: [{ stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }, count: 1, N: 100 }] } });
  expect(issued.status).toBe(201);
  expect((await server.request('POST', `/api/campaigns/${created.body.id}/open`, { token })).status).toBe(200);
  const code = issued.body.codes[0].code as string;
  const opened = await server.request('GET', `/api/respond/${code}`);
  expect(opened.status).toBe(200);
  return { survey: JSON.stringify(opened.body.survey), code };
}

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
  demo = (await server.request('GET', '/api/templates/demo', { token })).body.definition;
});
afterAll(() => server?.close());

describe('template HTML', () => {
  it('a saved template with <meta http-equiv=refresh>, scripts, handlers and javascript: links is stored without them, and says what went', async () => {
    const definition = withElements(
      [{ type: 'html', name: 'info', html: { default: `<p onclick="steal()">Välkommen</p>${REFRESH}<a href="javascript:alert(1)">x</a> <a href="https://kvinnofridslinjen.se/">Kvinnofridslinjen</a>` } }],
      { completedHtml: '<h3>Tack!</h3><script>alert(1)</script><iframe src="https://evil.example"></iframe>' },
    );
    const saved = await server.request('POST', '/api/templates/demo/versions', { token, body: { definition } });
    expect(saved.status).toBe(201);
    const removed = (saved.body.removedHtml as { path: string; removed: string[] }[]).flatMap((r) => r.removed.map((what) => `${r.path}: ${what}`));
    expect(removed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^survey\.pages\[0\]\.elements\[0\]\.html\.default: <meta http-equiv="refresh"/),
        expect.stringMatching(/onclick="steal\(\)" på <p>/),
        expect.stringMatching(/href="javascript:alert\(1\)" på <a>/),
        expect.stringMatching(/^survey\.completedHtml: <script> \(med innehåll\)/),
        expect.stringMatching(/^survey\.completedHtml: <iframe/),
      ]),
    );
    const stored = JSON.stringify((await server.request('GET', `/api/templates/${saved.body.id}`, { token })).body.definition);
    for (const bad of ['<meta', 'http-equiv', 'onclick', 'javascript:', '<script', '<iframe']) expect(stored).not.toContain(bad);
    expect(stored).toContain('<a href=\\"https://kvinnofridslinjen.se/\\">Kvinnofridslinjen</a>');
    expect(stored).toContain('<h3>Tack!</h3>');

    const { survey } = await respondentSurveyOf(saved.body.id);
    expect(survey).not.toContain('http-equiv');
    expect(survey).toContain('Välkommen');
  });

  it('a version stored before filtering (or written by hand) is filtered again when served to respondents', async () => {
    const raw = { ...withElements([{ type: 'html', name: 'info', html: `<p>Hej</p>${REFRESH}<img src=x onerror="alert(1)">` }]), id: 'oskyddad', version: 1 };
    const [admin] = await server.db.query<{ id: string }>('select id from users limit 1');
    expect(await insertTemplateVersion(server.db, raw, { kommunkod: '9999', createdBy: admin.id })).toBe(true);
    const { survey } = await respondentSurveyOf('oskyddad');
    expect(survey).not.toContain('http-equiv');
    expect(survey).not.toContain('onerror');
    expect(survey).toContain('<p>Hej</p>');
  });
});

describe('template regular expressions', () => {
  const question = (regex: string) => ({ type: 'comment', name: 'fritext', maxLength: 5000, validators: [{ type: 'regex', regex, text: 'Fel format' }] });

  it('refuses a pattern that can backtrack catastrophically at save, naming where it is', async () => {
    for (const regex of ['^(a+)+$', '^(a|aa)*$', '(\\w*)*x']) {
      const saved = await server.request('POST', '/api/templates/demo/versions', { token, body: { definition: withElements([question(regex)]) } });
      expect(saved.status).toBe(400);
      expect(saved.body.error.details.errors[0].path).toBe('survey.pages[0].elements[0].validators[0].regex');
      expect(saved.body.error.message).toContain('upprepar');
    }
    expect((await server.request('POST', '/api/templates/demo/versions', { token, body: { definition: withElements([question('^[0-9]{3} ?[0-9]{2}$')]) } })).status).toBe(201);
  });

  it('runs an old stored catastrophic pattern in linear time on a 5,000-character anonymous answer', async () => {
    const raw = { ...withElements([question('^(a+)+$')]), id: 'redos', version: 1 };
    const [admin] = await server.db.query<{ id: string }>('select id from users limit 1');
    expect(await insertTemplateVersion(server.db, raw, { kommunkod: '9999', createdBy: admin.id })).toBe(true);
    const { code } = await respondentSurveyOf('redos');
    // In a backtracking engine this answer takes longer than the age of the universe.
    const submitted = await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: { fritext: `${'a'.repeat(4999)}!` } } });
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.message).toContain('fel format');
    // Longer than the question allows: refused before any pattern runs.
    const long = await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: { fritext: 'a'.repeat(5001) } } });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('högst 5000');
    expect((await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: { fritext: 'a'.repeat(4999) } } })).status).toBe(201);
  });
});
