import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

/**
 * Before the server listens, it sends itself requests for `ms` on a private
 * loopback port, so that the JIT has compiled the HTTP path (parser, router,
 * middleware, JSON in and out) before the first respondents arrive: right
 * after a restart a cold server answered a full load of submissions at a
 * fraction of its speed for a second or two, and the queue behind took
 * seconds to drain (bench/ingest.ts). The requests read and write nothing:
 * `GET /healthz` (a ping of the database) and a JSON `POST` to an API path that does
 * not exist (404).
 *
 * @returns the number of requests sent.
 */
export async function warmHttp(app: RequestListener, ms: number): Promise<number> {
  if (ms <= 0) return 0;
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const body = JSON.stringify({ submissionId: 'warm-up', answers: { kon: 'kvinna', alder: 40, fraga: 'nej' } });
  const send = (k: number) =>
    new Promise<void>((resolve) => {
      const post = k % 2 === 1;
      const req = http.request(
        {
          port,
          host: '127.0.0.1',
          agent,
          method: post ? 'POST' : 'GET',
          path: post ? '/api/warm-up/submit' : '/healthz',
          headers: post ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', () => resolve());
      req.end(post ? body : undefined);
    });
  const deadline = performance.now() + ms;
  let sent = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline) await send(sent++);
    }),
  );
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return sent;
}
