/**
 * The client's one fetch wrapper: how each kind of body is sent, and the
 * error envelope turned into ApiError. `fetch` is replaced by a recorder that
 * answers like the server would; nothing else is stubbed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '../../client/http';

interface Sent {
  url: string;
  init: RequestInit;
}

function recordFetch(answer: Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return answer;
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  it('sends an object as JSON', async () => {
    const sent = recordFetch(new Response('{"ok":true}', { status: 200 }));
    const response = await request('POST', '/api/x', { body: { a: 1 } });
    expect(sent[0].init.body).toBe('{"a":1}');
    expect((sent[0].init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(response.text).toBe('{"ok":true}');
  });

  it('sends a string as it is, as CSV unless told otherwise', async () => {
    const sent = recordFetch(new Response('', { status: 201 }));
    await request('POST', '/api/x', { body: 'omrade,antal\nnorr,4000\n' });
    expect(sent[0].init.body).toBe('omrade,antal\nnorr,4000\n');
    expect((sent[0].init.headers as Record<string, string>)['content-type']).toBe('text/csv; charset=utf-8');
  });

  it("sends a file's bytes as they are (SCB's PX file in Windows-1252), not as JSON", async () => {
    const sent = recordFetch(new Response('{"years":[]}', { status: 201 }));
    const bytes = new Uint8Array([0x4b, 0xf6, 0x6e]).buffer; // "Kön" in Windows-1252
    await request('POST', '/api/admin/population-years', { body: bytes });
    expect(sent[0].init.body).toBe(bytes);
    expect((sent[0].init.headers as Record<string, string>)['content-type']).toBe('application/octet-stream');
  });

  it("turns the server's error envelope into an ApiError with its code and message", async () => {
    recordFetch(new Response(JSON.stringify({ error: { code: 'bad_request', message: 'Filen saknar DATA=', details: { file: 'x.px' } } }), { status: 400 }));
    const error = await request('POST', '/api/x', { body: new ArrayBuffer(1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'Filen saknar DATA=', details: { file: 'x.px' } });
  });
});
