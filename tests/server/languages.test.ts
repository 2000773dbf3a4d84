/**
 * Languages as data: UI locale files served at run time, a campaign's
 * languages checked against the UI and the template (400 naming what is
 * missing), unreviewed translations never offered, the translator CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(() => server?.close());

async function campaign(templateId: string, mode: 'open' | 'codes' = 'open'): Promise<{ id: string; slug: string | null }> {
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId, title: `Språk ${templateId}`, mode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const detail = await server.request('GET', `/api/campaigns/${created.body.id}`, { token });
  return { id: created.body.id, slug: detail.body.openSlug };
}

async function csvPost(path: string, text: string) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: text });
  return { status: response.status, body: await response.json() };
}

describe('UI locale files', () => {
  it('lists every language file with its review state and problems, publicly', async () => {
    const list = await server.request('GET', '/api/locales/ui');
    expect(list.status).toBe(200);
    const byCode = Object.fromEntries(list.body.map((l: { code: string }) => [l.code, l]));
    expect(Object.keys(byCode).sort()).toEqual(['ar', 'en', 'sv']);
    expect(byCode.sv).toMatchObject({ name: 'Svenska', dir: 'ltr', source: 'authored', reviewed: true, problems: [] });
    expect(byCode.ar).toMatchObject({ name: 'العربية', dir: 'rtl', source: 'translation', reviewed: false, problems: [] });
  });

  it('serves one file, and 404 for a language without one', async () => {
    const ar = await server.request('GET', '/api/locales/ui/ar');
    expect(ar.status).toBe(200);
    expect(ar.body.meta.dir).toBe('rtl');
    expect(ar.body.strings.quickExit).toBe('غادر الصفحة بسرعة');
    expect(ar.body.support.lines.bris.name).toContain('BRIS');
    expect(ar.body.survey.progressText).toContain('{0}');
    expect((await server.request('GET', '/api/locales/ui/so')).status).toBe(404);
    expect((await server.request('GET', '/api/locales/ui/..%2Fsv')).status).toBe(400);
  });
});

describe('a campaign’s languages', () => {
  it('defaults to Swedish and English, and offers respondents only complete, reviewed languages', async () => {
    const { id, slug } = await campaign('demo');
    const detail = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(detail.body.languages).toEqual(['sv', 'en']);

    // Arabic exists in the UI and the demo template, but neither is reviewed: listed, not offered.
    const patched = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { languages: ['sv', 'en', 'ar'] } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const ar = patched.body.languageStatus.find((l: { code: string }) => l.code === 'ar');
    expect(ar.offered).toBe(false);
    expect(ar.reasons).toEqual([
      'Gränssnittets översättning är inte granskad av en kvalificerad översättare.',
      'Enkätens översättning är inte granskad av en kvalificerad översättare.',
    ]);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const survey = await server.request('GET', `/api/open/${slug}`);
    expect(survey.body.campaign.languages).toEqual(['sv', 'en']);
    // Respondents are sent no unreviewed text: no Arabic in the survey or the title.
    expect(JSON.stringify(survey.body)).not.toContain('استبيان');
    expect(survey.body.campaign.languageOptions).toEqual([
      { code: 'sv', name: 'Svenska', dir: 'ltr' },
      { code: 'en', name: 'English', dir: 'ltr' },
    ]);

    // An analyst marks the template's Arabic reviewed: still not offered while the UI's Arabic is not.
    const reviewTemplate = await server.request('POST', '/api/templates/demo/translations/ar/review', { token, body: { version: 1, reviewer: 'Auktoriserad translator A. Exempel' } });
    expect(reviewTemplate.status, JSON.stringify(reviewTemplate.body)).toBe(204);
    expect((await server.request('GET', `/api/open/${slug}`)).body.campaign.languages).toEqual(['sv', 'en']);
    const reviewUi = await server.request('POST', '/api/locales/ui/ar/review', { token, body: { reviewer: 'Auktoriserad translator A. Exempel' } });
    expect(reviewUi.status).toBe(204);
    const now = await server.request('GET', `/api/open/${slug}`);
    expect(now.body.campaign.languages).toEqual(['sv', 'en', 'ar']);
    expect(now.body.campaign.languageOptions[2]).toEqual({ code: 'ar', name: 'العربية', dir: 'rtl' });
    expect(now.body.campaign.publicTitle.ar).toBe('استبيان عن الصحة والأمان');
    expect(now.body.survey.pages[0].elements[0].title.ar).toBe('ما جنسك؟');

    const audit = await server.db.query<{ details: { subject: string } }>("select details from audit_log where action = 'translation.review'");
    expect(audit.map((a) => a.details.subject).sort()).toEqual(['template:demo@1', 'ui']);
  });

  it('refuses a language the UI or the template lacks, naming what is missing', async () => {
    const { id } = await campaign('demo');
    const somali = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { languages: ['sv', 'so'] } });
    expect(somali.status).toBe(400);
    expect(somali.body.error.message).toBe(
      'Fältet "languages": språket kan inte erbjudas. somaliska (so): respondentgränssnittet har ingen språkfil (surveys/locales/ui/so.json), och enkäten är översatt till 0 av 16 texter.',
    );
    expect(somali.body.error.details).toEqual({ field: 'languages', missing: ['so'] });

    const population = await campaign('befolkningsenkat', 'codes');
    const arabic = await server.request('PATCH', `/api/campaigns/${population.id}`, { token, body: { languages: ['sv', 'en', 'ar'] } });
    expect(arabic.status).toBe(400);
    expect(arabic.body.error.message).toMatch(/^Fältet "languages": språket kan inte erbjudas\. arabiska \(ar\): enkäten är översatt till 0 av \d+ texter\.$/);
  });

  it('gives the youth template BRIS as its support line', async () => {
    const { id, slug } = await campaign('ungdomsenkat');
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    expect((await server.request('GET', `/api/open/${slug}`)).body.campaign.supportLines).toEqual(['bris']);
    const demo = await campaign('demo');
    await server.request('POST', `/api/campaigns/${demo.id}/open`, { token });
    expect((await server.request('GET', `/api/open/${demo.slug}`)).body.campaign.supportLines).toEqual(['kvinnofridslinjen']);
  });
});

describe('template languages and the translator spreadsheet', () => {
  it('lists each language with its untranslated strings and review state', async () => {
    const response = await server.request('GET', '/api/templates/befolkningsenkat/languages', { token });
    expect(response.status).toBe(200);
    const ar = response.body.languages.find((l: { code: string }) => l.code === 'ar');
    expect(ar.template.translated).toBe(0);
    expect(ar.template.missing).toContainEqual({ id: 'survey.title', sv: 'Enkät om trygghet och relationer' });
    expect(ar.template.missing).toContainEqual({ id: 'q:hrv_vanner.title', sv: 'Har din familj eller släkt begränsat vilka vänner du får ha?' });
    expect(ar.ui).toMatchObject({ exists: true, problems: [], source: 'translation' });
    const en = response.body.languages.find((l: { code: string }) => l.code === 'en');
    expect(en).toMatchObject({ offered: true, reasons: [] });
    expect(en.template.review).toMatchObject({ shipped: true });
  });

  it('exports one language as a spreadsheet, imports it back as a new version, unreviewed', async () => {
    const exported = await server.request('GET', '/api/templates/demo/translations/so.csv', { token });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (exported.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id;sv;en;so');
    expect(lines).toContain('q:kon.title;Vilket kön har du?;What is your gender?;');
    expect(lines).toHaveLength(17);

    // A translator fills in every cell (here: a marked Somali stand-in).
    const filled = lines.map((line, i) => (i === 0 ? line : `${line}SO ${line.split(';')[1]}`)).join('\r\n');
    const imported = await csvPost('/api/templates/demo/translations/so?translator=Testöversättare', filled);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toEqual({ id: 'demo-9999', version: 1, lang: 'so', translated: 16, total: 16 });
    const languages = await server.request('GET', '/api/templates/demo-9999/languages', { token });
    const so = languages.body.languages.find((l: { code: string }) => l.code === 'so');
    expect(so.template).toMatchObject({ translated: 16, total: 16, source: 'translation', translator: 'Testöversättare', review: null });
    expect(so.reasons).toContain('Respondentgränssnittet saknar språkfilen surveys/locales/ui/so.json.');
    expect(so.reasons).toContain('Enkätens översättning är inte granskad av en kvalificerad översättare.');
  });

  it('refuses a spreadsheet that does not fit, naming the file, line and column', async () => {
    const base = 'id;sv;ar\r\nq:kon.title;Vilket kön har du?;ما جنسك؟\r\n';
    const cases: [string, RegExp][] = [
      ['id;ar\r\nq:nope.title;x\r\n', /^oversattning-ar\.csv, rad 2, kolumn "id": texten "q:nope\.title" finns inte i mallen demo version 1$/],
      [`${base}q:kon.title;Vilket kön har du?;x\r\n`, /rad 3, kolumn "id": texten "q:kon\.title" finns redan på rad 2$/],
      ['id;sv;ar\r\nq:kon.title;Vilket kön är du?;x\r\n', /rad 2, kolumn "sv": den svenska texten har ändrats i mallen sedan filen exporterades/],
      ['id;sv\r\nq:kon.title;Vilket kön har du?\r\n', /rad 1, kolumn "ar": kolumnen saknas/],
      // Text is text (issue 10): a NUL in a translation gave a 500, an escape character was stored.
      [`${base}q:fodd.title;x;ما\u0000\r\n`, /rad 3, kolumn "ar": värdet innehåller ett otillåtet tecken \(U\+0000\)/],
      [`id;sv;ar\r\nq:kon.title;Vilket kön har du?;\u001b[31mما\r\n`, /rad 2, kolumn "ar": värdet innehåller ett otillåtet tecken \(U\+001B\)/],
    ];
    for (const [text, message] of cases) {
      const response = await csvPost('/api/templates/demo/translations/ar', text);
      expect(response.status, text).toBe(400);
      expect(response.body.error.message).toMatch(message);
      expect(response.body.error.details).toHaveProperty('line');
    }
    const html = await csvPost(
      '/api/templates/ungdomsenkat/translations/ar',
      `id;ar\r\nq:avslut_stod.html;نص بدون وسوم\r\n`,
    );
    expect(html.status).toBe(400);
    expect(html.body.error.message).toMatch(/kolumn "ar": översättningen ska ha samma HTML-taggar som den svenska texten/);
  });

  it('will not mark an incomplete translation reviewed', async () => {
    const response = await server.request('POST', '/api/templates/befolkningsenkat/translations/ar/review', { token, body: { version: 1, reviewer: 'X Y' } });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/^Mallen är inte helt översatt till arabiska \(ar\): \d+ av \d+ texter saknas\.$/);
  });
});
