import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../server/services/code-secret';
import { CODE_ALPHABET, generateCode, normaliseCode, stratumKeyOf } from '../../server/services/personal-codes';
import { startTestServer, type TestServer } from './test-server';
import { createCampaign, STRATA } from './fieldwork-helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

describe('code format', () => {
  it('generates 11 symbols of the unambiguous alphabet, grouped XXXX-XXXX-XXX', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(11 * Math.log2(31)).toBeGreaterThan(50);
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}$/);
  });

  it('normalises case, spaces and hyphens, and rejects impossible codes', () => {
    expect(normaliseCode(' abcd-efgh jkm ')).toBe('ABCDEFGHJKM');
    expect(normaliseCode('ABCD-EFGH-JK')).toBeUndefined();
    expect(normaliseCode('ABCD-EFGH-JK0')).toBeUndefined();
    expect(normaliseCode('ABCD-EFGH-JKMN')).toBeUndefined();
  });

  it('keys a stratum by its variables in name order', () => {
    expect(stratumKeyOf({ omrade: 'norr', kon: 'man', aldersgrupp: '18-29' })).toBe('aldersgrupp=18-29|kon=man|omrade=norr');
  });
});

describe('POST /api/campaigns/:id/codes', () => {
  it('returns plaintext codes once and stores only their keyed hashes, strata and refs', async () => {
    const id = await createCampaign(server, token);
    const { status, body } = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } });
    expect(status).toBe(201);
    expect(body.codes).toHaveLength(5);
    expect(body.codes.filter((c: { stratum: unknown }) => JSON.stringify(c.stratum) === JSON.stringify(STRATA[0].stratum))).toHaveLength(3);
    expect(new Set(body.codes.map((c: { code: string }) => c.code)).size).toBe(5);
    for (const issued of body.codes) expect(issued.ref).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

    const rows = await server.db.query<{ code_hash: string; stratum_key: string; slot: number; ref: string }>(
      'select code_hash, stratum_key, slot, ref from codes where campaign_id = $1',
      [id],
    );
    expect(rows).toHaveLength(5);
    const expectedHashes = body.codes.map((c: { code: string }) => keyedHash(server.codeSecret, c.code.replace(/-/g, ''))).sort();
    expect(rows.map((r) => r.code_hash).sort()).toEqual(expectedHashes);
    // Slots 0.. within each stratum; every bit of both usage bitmaps clear.
    const slots = (key: string) => rows.filter((r) => r.stratum_key === key).map((r) => r.slot).sort();
    expect(slots('aldersgrupp=18-29|kon=kvinna|omrade=norr')).toEqual([0, 1, 2]);
    expect(slots('aldersgrupp=30-44|kon=man|omrade=syd')).toEqual([0, 1]);
    const usage = await server.db.query<{ opened: number; used: number }>(
      'select bit_count(started)::int as opened, bit_count(completed)::int as used from code_usage where campaign_id = $1',
      [id],
    );
    expect(usage).toEqual([{ opened: 0, used: 0 }, { opened: 0, used: 0 }]);
    const dump = JSON.stringify(await server.db.query('select * from codes'));
    for (const { code } of body.codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace(/-/g, ''));
    }
  });

  it('records N_h and accumulates n_h over repeated calls, also after opening', async () => {
    const id = await createCampaign(server, token);
    await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } });
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const more = await server.request('POST', `/api/campaigns/${id}/codes`, {
      token,
      body: { strata: [{ stratum: { omrade: 'norr', kon: 'kvinna', aldersgrupp: '18-29' }, count: 4 }] },
    });
    expect(more.status).toBe(201);
    const strata = await server.db.query<{ stratum_key: string; population_size: number | null; invited: number }>(
      'select stratum_key, population_size, invited from campaign_strata where campaign_id = $1 order by stratum_key',
      [id],
    );
    expect(strata).toEqual([
      { stratum_key: 'aldersgrupp=18-29|kon=kvinna|omrade=norr', population_size: 400, invited: 7 },
      { stratum_key: 'aldersgrupp=30-44|kon=man|omrade=syd', population_size: 300, invited: 2 },
    ]);
  });

  it('refuses codes for a closed campaign and for an open-link campaign with 409', async () => {
    const id = await createCampaign(server, token);
    await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } });
    expect((await server.request('POST', `/api/campaigns/${id}/open`, { token })).status).toBe(200);
    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    expect((await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } })).status).toBe(409);
    const open = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title: 'Öppen', mode: 'open' } });
    expect((await server.request('POST', `/api/campaigns/${open.body.id}/codes`, { token, body: { strata: STRATA } })).status).toBe(409);
  });

  it('validates the request with 400 naming the field', async () => {
    const id = await createCampaign(server, token);
    const cases: [unknown, string][] = [
      [{}, 'strata'],
      [{ strata: [] }, 'strata'],
      [{ strata: [{ stratum: { kon: 'man' }, count: 0 }] }, 'strata.0.count'],
      [{ strata: [{ stratum: { Kon: 'man' }, count: 1 }] }, 'strata.0.stratum.Kon'],
      [{ strata: [{ stratum: { kon: 'man' }, count: 1, N: -3 }] }, 'strata.0.N'],
    ];
    for (const [body, field] of cases) {
      const response = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body });
      expect([response.status, response.body.error.details.field]).toEqual([400, field]);
    }
  });

  it('issues 20,000 codes in one call', async () => {
    const id = await createCampaign(server, token);
    const { status, body } = await server.request('POST', `/api/campaigns/${id}/codes`, {
      token,
      body: { strata: [{ stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }, count: 20_000 }] },
    });
    expect(status).toBe(201);
    expect(new Set(body.codes.map((c: { code: string }) => c.code)).size).toBe(20_000);
    const [{ n }] = await server.db.query<{ n: number }>('select count(*)::int as n from codes where campaign_id = $1', [id]);
    expect(n).toBe(20_000);
  });
});
