/** 500s are rare and small (issue 10, item 3): one line with an error id and the cause; the stack once a minute per distinct error. */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorHandler } from '../../../server/http/error-handler';
import { createLogger } from '../../../server/log';

const lines: string[] = [];
let clock = 1_000_000;
let url: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.get('/api/respond/:code', () => {
    throw new Error('database exploded');
  });
  app.get('/other', () => {
    throw new TypeError('something else');
  });
  app.use(errorHandler(createLogger('info', (line) => lines.push(line)), () => clock));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

it('logs each 500 as one small line with its error id and cause, the stack once a minute per distinct error, and never the path', async () => {
  const answers = [];
  for (let i = 0; i < 50; i++) answers.push(await fetch(`${url}/api/respond/SECRETCODE1`).then(async (r) => ({ status: r.status, body: await r.json() })));
  expect(answers.every((a) => a.status === 500)).toBe(true);
  expect(answers[0].body.error).toEqual({ code: 'internal', message: expect.any(String), details: { errorId: expect.stringMatching(/^[0-9a-f]{12}$/) } });
  expect(lines).toHaveLength(50);
  const logged = lines.map((line) => JSON.parse(line));
  expect(logged.filter((l) => l.stack)).toHaveLength(1);
  expect(logged.map((l) => l.errorId)).toEqual(answers.map((a) => a.body.error.details.errorId));
  expect(logged[1]).toMatchObject({ level: 'error', route: '/api/respond/:code', cause: 'Error: database exploded' });
  expect(Math.max(...lines.slice(1).map((l) => l.length))).toBeLessThan(300);
  expect(lines.join('\n')).not.toContain('SECRETCODE1');

  // Another distinct error gets its own stack; the first gets one again after a minute.
  await fetch(`${url}/other`);
  clock += 61_000;
  await fetch(`${url}/api/respond/SECRETCODE1`);
  expect(lines.slice(50).map((line) => Boolean(JSON.parse(line).stack))).toEqual([true, true]);
});
