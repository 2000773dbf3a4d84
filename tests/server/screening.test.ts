import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/csv';
import { readScreeningRegistrations } from '../../cli/screening-registrations';
import { summariseScreening } from '../../analysis/screening-summary';
import { swedishToday } from '../../server/services/screening-registrations';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;

const shift = (iso: string, days: number) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const today = swedishToday();
const period = { periodStart: shift(today, -20), periodEnd: shift(today, 9) };

const asked = (overrides: Record<string, unknown> = {}) => ({
  datum: today,
  kon: 'kvinna',
  aldersgrupp: '30-44',
  tillfragad: 'ja',
  psykiskt: 'ja',
  fysiskt: 'nej',
  sexuellt: 'nej',
  radd: 'nej',
  pagaende: 'nej',
  kand_sedan_tidigare: 'nej',
  stod_erbjudet: 'ja',
  stod_accepterat: 'ja',
  ...overrides,
});

async function createMonth(title = 'Kartläggningsmånad') {
  const created = await server.request('POST', '/api/screening', {
    token: admin,
    body: {
      title,
      ...period,
      units: [
        { verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd' },
        { verksamhet: 'oppenvard', enhet: 'Öppenvård' },
      ],
    },
  });
  expect(created.status).toBe(201);
  const view = await server.request('GET', `/api/screening/${created.body.id}`, { token: admin });
  expect(view.status).toBe(200);
  const unit = (enhet: string) => view.body.units.find((u: { enhet: string }) => u.enhet === enhet);
  return { id: created.body.id as string, fs: unit('Försörjningsstöd'), ov: unit('Öppenvård') };
}

async function screener(id: string, email: string, unitIds: string[]) {
  const created = await server.request('POST', `/api/screening/${id}/screeners`, { token: admin, body: { email, displayName: email, unitIds } });
  expect(created.status).toBe(201);
  expect(created.body.password).toMatch(/^[\w-]{16,}$/);
  return server.login(email, created.body.password);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
});
afterAll(async () => {
  await server?.close();
});

describe('set-up', () => {
  it('creates a screening campaign from the screening template with its period and units', async () => {
    const { id, fs, ov } = await createMonth();
    const view = await server.request('GET', `/api/screening/${id}`, { token: admin });
    expect(view.body).toMatchObject({ id, status: 'open', kommunkod: '9999', ...period, canManage: true });
    expect(view.body.units).toHaveLength(2);
    expect(fs.linkToken).toMatch(/^[\w-]{24}$/);
    expect(ov.hasPin).toBe(false);
    expect(view.body.choices.aldersgrupp.map((c: { value: string }) => c.value)).toEqual(['18-29', '30-44', '45-64', '65+']);
    const list = await server.request('GET', '/api/screening', { token: admin });
    expect(list.body.map((c: { id: string }) => c.id)).toContain(id);
    const rows = await server.db.query<{ kind: string; template_id: string }>('select kind, template_id from campaigns where id = $1', [id]);
    expect(rows[0]).toEqual({ kind: 'screening', template_id: 'screening' });
  });

  it('rejects bad set-up input naming the field', async () => {
    const base = { title: 'X', ...period, units: [{ verksamhet: 'lss', enhet: 'LSS' }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, periodEnd: shift(period.periodStart, -1) }, 'periodEnd'],
      [{ ...base, units: [] }, 'units'],
      [{ ...base, units: [{ verksamhet: 'polisen', enhet: 'A' }] }, 'units.0.verksamhet'],
      [{ ...base, extra: 1 }, ''],
      [{ ...base, periodStart: '2025-02-30' }, 'periodStart'],
    ];
    for (const [body, field] of cases) {
      const response = await server.request('POST', '/api/screening', { token: admin, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      if (field) expect(response.body.error.details.field).toBe(field);
    }
  });

  it('adds and removes units with PATCH, but keeps units that have registrations (409)', async () => {
    const { id, fs } = await createMonth('Enheter');
    const token = await screener(id, 'patch-fs@test.se', [fs.unitId]);
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...asked() } })).status).toBe(201);
    const patched = await server.request('PATCH', `/api/screening/${id}`, {
      token: admin,
      body: { units: [{ verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd' }, { verksamhet: 'lss', enhet: 'LSS' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.units.map((u: { enhet: string }) => u.enhet).sort()).toEqual(['Försörjningsstöd', 'LSS']);
    const removeUsed = await server.request('PATCH', `/api/screening/${id}`, { token: admin, body: { units: [{ verksamhet: 'lss', enhet: 'LSS' }] } });
    expect(removeUsed.status).toBe(409);
  });
});

describe('registration', () => {
  let id: string;
  let fs: { unitId: string };
  let token: string;

  beforeAll(async () => {
    ({ id, fs } = await createMonth('Registrering'));
    token = await screener(id, 'reg-fs@test.se', [fs.unitId]);
  });

  it('registers a contact, corrects it and withdraws it, logging every change', async () => {
    const created = await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...asked() } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ unitId: fs.unitId, enhet: 'Försörjningsstöd', status: 'active', version: 1, kon: 'kvinna', psykiskt: 'ja' });
    const regId = created.body.id;

    const corrected = await server.request('PUT', `/api/screening/${id}/registrations/${regId}`, {
      token,
      body: { version: 1, ...asked({ kon: 'man', fysiskt: 'ja' }) },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ version: 2, kon: 'man', fysiskt: 'ja' });

    const stale = await server.request('PUT', `/api/screening/${id}/registrations/${regId}`, { token, body: { version: 1, ...asked() } });
    expect(stale.status).toBe(409);

    const withdrawn = await server.request('POST', `/api/screening/${id}/registrations/${regId}/withdraw`, { token, body: { version: 2 } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 3 });
    expect((await server.request('POST', `/api/screening/${id}/registrations/${regId}/withdraw`, { token, body: { version: 3 } })).status).toBe(409);

    const changes = await server.request('GET', `/api/screening/${id}/registrations/${regId}/changes`, { token });
    expect(changes.body.map((c: { action: string; version: number }) => [c.action, c.version])).toEqual([
      ['create', 1],
      ['correct', 2],
      ['withdraw', 3],
    ]);
    expect(changes.body[1].before).toMatchObject({ kon: 'kvinna', fysiskt: 'nej' });
    expect(changes.body[1].after).toMatchObject({ kon: 'man', fysiskt: 'ja' });
    expect(changes.body[2].before).toMatchObject({ kon: 'man' });
    expect(changes.body[2].after).toBeNull();

    const list = await server.request('GET', `/api/screening/${id}/units/${fs.unitId}/registrations`, { token });
    expect(list.body.find((r: { id: string }) => r.id === regId).status).toBe('withdrawn');
  });

  it('refuses unknown fields, names and personnummer-like text (400)', async () => {
    const post = (body: Record<string, unknown>) => server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...body } });
    const named = await post(asked({ namn: 'Anna Andersson' }));
    expect(named.status).toBe(400);
    const pnr = await post({ datum: today, kon: 'man', aldersgrupp: '45-64', tillfragad: 'nej', orsak_ej_tillfragad: 'annat', orsak_annat_text: 'gäller 19850101-1234' });
    expect(pnr.status).toBe(400);
    expect(pnr.body.error.details.field).toBe('orsak_annat_text');
    // The message names the field as the form does, never by its id.
    expect(pnr.body.error.message).toMatch(/^Fältet "Annat skäl \(fritext\)": /);
    expect(pnr.body.error.message).not.toContain('orsak_annat_text');
    for (const text of ['850101-1234', '198501011234', '8501011234', 'pnr 850101+1234']) {
      expect((await post({ datum: today, kon: 'man', aldersgrupp: '45-64', tillfragad: 'nej', orsak_ej_tillfragad: 'annat', orsak_annat_text: text })).status, text).toBe(400);
    }
    const ok = await post({ datum: today, kon: 'man', aldersgrupp: '45-64', tillfragad: 'nej', orsak_ej_tillfragad: 'annat', orsak_annat_text: 'Akut kris, ring 112 sedan 2 dagar' });
    expect(ok.status).toBe(201);
    expect((await post({ datum: today, kon: 'man', aldersgrupp: '45-64', tillfragad: 'nej', orsak_ej_tillfragad: 'annat', orsak_annat_text: 'x'.repeat(201) })).status).toBe(400);
  });

  it('checks the fields against each other and the template (400 with the field)', async () => {
    const post = (body: Record<string, unknown>) => server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...body } });
    const cases: [Record<string, unknown>, string][] = [
      [asked({ aldersgrupp: '12-17' }), 'aldersgrupp'],
      [asked({ kon: 'K' }), 'kon'],
      [asked({ psykiskt: 'kanske' }), 'psykiskt'],
      [asked({ orsak_ej_tillfragad: 'tolk_saknades' }), 'orsak_ej_tillfragad'],
      [{ datum: today, kon: 'man', aldersgrupp: '18-29', tillfragad: 'nej' }, 'orsak_ej_tillfragad'],
      [{ datum: today, kon: 'man', aldersgrupp: '18-29', tillfragad: 'nej', orsak_ej_tillfragad: 'okänt' }, 'orsak_ej_tillfragad'],
      [{ datum: today, kon: 'man', aldersgrupp: '18-29', tillfragad: 'nej', orsak_ej_tillfragad: 'tolk_saknades', psykiskt: 'ja' }, 'psykiskt'],
      [asked({ stod_erbjudet: 'nej', stod_accepterat: 'ja' }), 'stod_accepterat'],
      [asked({ datum: '2025-13-01' }), 'datum'],
      [asked({ orsak_annat_text: 'text' }), 'orsak_annat_text'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details.field, JSON.stringify(body)).toBe(field);
      expect(response.body.error.message, JSON.stringify(body)).not.toContain(`"${field}"`);
      expect(response.body.error.message, JSON.stringify(body)).toMatch(/^Fältet "[A-ZÅÄÖ]/);
    }
  });

  it('refuses dates outside the period (409)', async () => {
    const post = (datum: string) => server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...asked({ datum }) } });
    expect((await post(shift(period.periodStart, -1))).status).toBe(409);
    expect((await post(period.periodStart)).status).toBe(201);
  });
});

/** Deterministic pseudo-random contacts (mulberry32). */
function contacts(seed: number, count: number): Record<string, unknown>[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  return Array.from({ length: count }, () => {
    const kon = pick(['kvinna', 'kvinna', 'man', 'annat']);
    const aldersgrupp = pick(['18-29', '30-44', '45-64', '65+']);
    const datum = shift(today, -Math.floor(random() * 15));
    if (random() < 0.15) {
      return { datum, kon, aldersgrupp, tillfragad: 'nej', orsak_ej_tillfragad: pick(['tolk_saknades', 'tredje_person_narvarande', 'annat']) };
    }
    const answer = () => pick(['ja', 'ja', 'nej', 'nej', 'nej', 'vill_ej_svara']);
    const body: Record<string, unknown> = { datum, kon, aldersgrupp, tillfragad: 'ja', psykiskt: answer(), fysiskt: answer(), sexuellt: answer(), radd: answer() };
    if ([body.psykiskt, body.fysiskt, body.sexuellt].includes('ja')) {
      body.pagaende = answer();
      body.kand_sedan_tidigare = pick(['ja', 'nej', 'nej', null]);
      body.stod_erbjudet = pick(['ja', 'ja', 'nej']);
      if (body.stod_erbjudet === 'ja') body.stod_accepterat = pick(['ja', 'nej', null]);
      body.barn_berorda = pick(['ja', 'nej', null]);
    }
    body.redan_tillfragad = pick(['ja', 'nej', null]);
    return body;
  });
}

describe('follow-up, summary and export', () => {
  let id: string;
  let fs: { unitId: string };
  let ov: { unitId: string };

  beforeAll(async () => {
    ({ id, fs, ov } = await createMonth('Analys'));
    const tokenFs = await screener(id, 'ana-fs@test.se', [fs.unitId]);
    const tokenOv = await screener(id, 'ana-ov@test.se', [ov.unitId]);
    for (const body of contacts(7, 46)) {
      const response = await server.request('POST', `/api/screening/${id}/registrations`, { token: tokenFs, body: { unitId: fs.unitId, ...body } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
    for (const body of contacts(11, 23)) {
      const response = await server.request('POST', `/api/screening/${id}/registrations`, { token: tokenOv, body: { unitId: ov.unitId, ...body } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
    // One withdrawn registration must count nowhere.
    const extra = await server.request('POST', `/api/screening/${id}/registrations`, { token: tokenOv, body: { unitId: ov.unitId, ...asked() } });
    await server.request('POST', `/api/screening/${id}/registrations/${extra.body.id}/withdraw`, { token: tokenOv, body: { version: 1 } });
  });

  it('follows up contacts and the share asked per unit', async () => {
    const response = await server.request('GET', `/api/screening/${id}/follow-up`, { token: admin });
    expect(response.status).toBe(200);
    const expected = (seed: number, count: number) => {
      const list = contacts(seed, count);
      return { contacts: count, asked: list.filter((c) => c.tillfragad === 'ja').length };
    };
    const unit = (unitId: string) => response.body.units.find((u: { unitId: string }) => u.unitId === unitId);
    expect(unit(fs.unitId)).toMatchObject(expected(7, 46));
    expect(unit(ov.unitId)).toMatchObject(expected(11, 23));
    expect(response.body.total.contacts).toBe(69);
    expect(response.body.total.coverage).toBeCloseTo(response.body.total.asked / 69, 12);
  });

  it('gives exactly the CLI summary of its own CSV export', async () => {
    const exported = await server.request('GET', `/api/screening/${id}/registrations.csv?purpose=Test%20av%20exporten`, { token: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="?kartlaggning-[0-9a-f]{8}\.csv/);
    const table = parseCsv(exported.body as string, 'export.csv');
    expect(table.rows).toHaveLength(69);
    const fromCsv = readScreeningRegistrations(table, { requireVerksamhet: true });

    const summary = await server.request('GET', `/api/screening/${id}/summary?by=enhet&by=kon&by=enhet:kon&minCell=5`, { token: admin });
    expect(summary.status).toBe(200);
    const cli = summariseScreening(fromCsv, { by: [['enhet'], ['kon'], ['enhet', 'kon']], minCell: 5 });
    expect(summary.body).toEqual(JSON.parse(JSON.stringify(cli)));
    expect(summary.body.groups[0].contacts).toBe(69);
    // barn_berorda among disclosures, counted from the generated bodies (only disclosures get the field).
    const generated = [...contacts(7, 46), ...contacts(11, 23)].filter((c) => c.barn_berorda === 'ja' || c.barn_berorda === 'nej');
    expect(summary.body.groups[0].childrenAffected).toMatchObject({ x: generated.filter((c) => c.barn_berorda === 'ja').length, n: generated.length });
    expect(generated.length).toBeGreaterThan(5);
    expect(summary.body.groups.some((g: { suppressed: boolean }) => g.suppressed)).toBe(true);

    // And the command line itself, run on the exported file.
    const dir = mkdtempSync(join(tmpdir(), 'screening-export-'));
    try {
      const file = join(dir, 'REG.csv');
      writeFileSync(file, exported.body as string);
      const run = spawnSync('npx', ['tsx', 'cli/screening.ts', '--registrations', file, '--by', 'enhet', '--by', 'kon', '--by', 'enhet:kon'], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(summary.body).toEqual(JSON.parse(run.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const byVerksamhet = await server.request('GET', `/api/screening/${id}/summary?by=verksamhet:aldersgrupp&minCell=6`, { token: admin });
    expect(byVerksamhet.body).toEqual(JSON.parse(JSON.stringify(summariseScreening(fromCsv, { by: [['verksamhet', 'aldersgrupp']], minCell: 6 }))));

    const audit = await server.db.query<{ action: string }>(
      "select action from audit_log where action in ('screening.export', 'screening.summary') and details->>'campaignId' = $1",
      [id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['screening.export', 'screening.summary', 'screening.summary']);
  });

  it('rejects a bad grouping or a minCell below 5', async () => {
    for (const query of ['by=kommun', 'by=enhet:enhet', 'minCell=2', 'minCell=fem']) {
      const response = await server.request('GET', `/api/screening/${id}/summary?${query}`, { token: admin });
      expect(response.status, query).toBe(400);
    }
  });

  it('writes the nämnd report text with the findings function and compares units', async () => {
    const report = await server.request('GET', `/api/screening/${id}/report`, { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.campaign.kommunNamn).toBe('Demokommun (exempel)');
    expect(report.body.text.findings[0]).toMatch(/^Av \d+ tillfrågade klienter( som besvarade frågorna)? svarade \d+ \(\d+ %, 95 % KI \d+–\d+ %\)/);
    expect(report.body.text.findings.some((line: string) => line.includes('på försörjningsstöd'))).toBe(true);
    expect(report.body.text.method[0]).toContain('69 klientkontakter vid 2 enheter');
    expect(report.body.text.findings.some((line: string) => /^Barn berördes av våldet hos \d+ av \d+ som berättade om våld/.test(line))).toBe(true);
    expect(report.body.comparison.units.map((u: { enhet: string }) => u.enhet)).toEqual(['Försörjningsstöd', 'Öppenvård']);
    const comparison = await server.request('GET', `/api/screening/${id}/comparison?measure=fysiskt`, { token: admin });
    expect(comparison.body.measure).toBe('fysiskt');
  });

  it("suppresses at the kommun's own minimum cell unless another is asked for", async () => {
    const view = await server.request('GET', `/api/screening/${id}`, { token: admin });
    expect(view.body.minCell).toBe(5);
    const settings = `/api/admin/kommuner/${view.body.kommunkod}/settings`;
    expect((await server.request('PUT', settings, { token: admin, body: { minCell: 12 } })).status).toBe(200);
    try {
      const get = async (path: string) => {
        const response = await server.request('GET', `/api/screening/${id}/${path}`, { token: admin });
        expect(response.status, path).toBe(200);
        return response.body;
      };
      expect((await server.request('GET', `/api/screening/${id}`, { token: admin })).body.minCell).toBe(12);
      const byDefault = await get('summary?by=enhet:kon');
      expect(byDefault).toEqual(await get('summary?by=enhet:kon&minCell=12'));
      // The setting changes what is shown: at 5 some unit × kön group is shown that 12 hides.
      expect(await get('summary?by=enhet:kon&minCell=5')).not.toEqual(byDefault);
      expect(await get('comparison?by=enhet:kon')).toEqual(await get('comparison?by=enhet:kon&minCell=12'));
      const report = await get('report');
      expect(report.minCell).toBe(12);
      expect(report.summary).toEqual((await get('report?minCell=12')).summary);
      // A kommun setting below 5 (an administrator may set 3) does not lower the web's floor.
      expect((await server.request('PUT', settings, { token: admin, body: { minCell: 3 } })).status).toBe(200);
      expect((await get('report')).minCell).toBe(5);
    } finally {
      await server.request('PUT', settings, { token: admin, body: { minCell: 5 } });
    }
  });
});

describe('unit link with PIN', () => {
  it('rotates a PIN, opens a unit-scoped session with it and ends it at the next rotation', async () => {
    const { id, fs, ov } = await createMonth('Länk');
    const info = await server.request('GET', `/api/screening-link/${fs.linkToken}`);
    expect(info.body).toEqual({ campaignTitle: 'Länk', enhet: 'Försörjningsstöd', open: true, form: 'contacts' });
    expect((await server.request('POST', `/api/screening-link/${fs.linkToken}/session`, { body: { pin: '12345678' } })).status).toBe(409);

    const rotated = await server.request('POST', `/api/screening/${id}/units/${fs.unitId}/pin`, { token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.pin).toMatch(/^\d{8}$/);
    const stored = await server.db.query<{ pin_hash: string }>('select pin_hash from screening_units where link_token = $1', [fs.linkToken]);
    expect(stored[0].pin_hash).toMatch(/^scrypt\$/);
    expect(stored[0].pin_hash).not.toContain(rotated.body.pin);

    const wrong = rotated.body.pin === '00000000' ? '00000001' : '00000000';
    expect((await server.request('POST', `/api/screening-link/${fs.linkToken}/session`, { body: { pin: wrong } })).status).toBe(401);
    const session = await server.request('POST', `/api/screening-link/${fs.linkToken}/session`, { body: { pin: rotated.body.pin } });
    expect(session.status).toBe(200);
    expect(session.headers.get('set-cookie')).toMatch(/^sid=.*HttpOnly/i);
    const token = session.body.token;

    const view = await server.request('GET', `/api/screening/${id}`, { token });
    expect(view.body.myUnitIds).toEqual([fs.unitId]);
    expect(view.body.units[0].linkToken).toBeUndefined();
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...asked() } })).status).toBe(201);
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: ov.unitId, ...asked() } })).status).toBe(403);
    expect((await server.request('GET', '/api/campaigns', { token })).status).toBe(403);
    expect((await server.request('GET', `/api/screening/${id}/summary`, { token })).status).toBe(403);

    await server.request('POST', `/api/screening/${id}/units/${fs.unitId}/pin`, { token: admin });
    expect((await server.request('GET', `/api/screening/${id}`, { token })).status).toBe(401);
  });

  it('limits PIN attempts per link: the sixth attempt in 15 minutes gets 429 even with the right PIN', async () => {
    const { id, ov } = await createMonth('Spärr');
    const { pin } = (await server.request('POST', `/api/screening/${id}/units/${ov.unitId}/pin`, { token: admin })).body;
    const wrong = pin === '99999999' ? '99999998' : '99999999';
    for (let i = 0; i < 5; i++) {
      expect((await server.request('POST', `/api/screening-link/${ov.linkToken}/session`, { body: { pin: wrong } })).status).toBe(401);
    }
    const blocked = await server.request('POST', `/api/screening-link/${ov.linkToken}/session`, { body: { pin } });
    expect(blocked.status).toBe(429);
    const failures = await server.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'screening.pin.failed' and details->>'campaignId' = $1",
      [id],
    );
    expect(failures[0].n).toBe(5);
  });

  it('answers 404 for an unknown link and 400 for a malformed PIN', async () => {
    expect((await server.request('GET', '/api/screening-link/nonexistent')).status).toBe(404);
    const { fs } = await createMonth('Format');
    expect((await server.request('POST', `/api/screening-link/${fs.linkToken}/session`, { body: { pin: '12ab' } })).status).toBe(400);
  });
});

describe('closing', () => {
  it('refuses registrations, corrections and withdrawals after the month is closed (409)', async () => {
    const { id, fs } = await createMonth('Stängs');
    const token = await screener(id, 'close-fs@test.se', [fs.unitId]);
    const created = await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...asked() } });
    expect((await server.request('PATCH', `/api/screening/${id}`, { token: admin, body: { status: 'closed' } })).status).toBe(200);
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: fs.unitId, ...asked() } })).status).toBe(409);
    expect((await server.request('PUT', `/api/screening/${id}/registrations/${created.body.id}`, { token, body: { version: 1, ...asked() } })).status).toBe(409);
    expect((await server.request('POST', `/api/screening/${id}/registrations/${created.body.id}/withdraw`, { token, body: { version: 1 } })).status).toBe(409);
  });
});
