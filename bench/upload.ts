/**
 * How long `/healthz` takes while uploads are read (issue 10, item 6: under
 * 100 ms during a 20 MB upload). Starts the server in this process on the
 * embedded database, sends a 5 MB population table of 50,000 rows (the
 * largest accepted) and a 20 MB one (refused at the 5 MB body limit), and
 * asks for `/healthz` every 5 ms meanwhile, one request at a time.
 *
 *   npm run bench:upload
 */
import { startTestServer } from '../tests/server/test-server';

function table(rows: number): string {
  const lines = ['omrade,antal'];
  for (let i = 0; i < rows; i++) lines.push(`Område ${String(i).padStart(6, '0')} ${'med ett långt namn för att fylla raden '.repeat(2)},${(i % 900) + 10}`);
  return lines.join('\n') + '\n';
}

const server = await startTestServer();
const token = await server.login();

async function measure(label: string, csv: string): Promise<void> {
  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  const uploading = fetch(`${server.url}/api/kommuner/9999/population-tables?fileName=bench.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  }).then((response) => {
    done = true;
    return response.status;
  });
  while (!done) {
    const at = performance.now();
    await fetch(`${server.url}/healthz`);
    latencies.push(performance.now() - at);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const status = await uploading;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(
    `${label}: ${(csv.length / 1e6).toFixed(1)} MB, answered ${status} after ${Math.round(performance.now() - started)} ms; ` +
      `/healthz ×${latencies.length}: median ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`,
  );
}

await measure('50,000-row table', table(50_000));
await measure('20 MB upload', table(200_000));
await server.close();
