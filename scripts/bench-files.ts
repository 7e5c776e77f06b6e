/**
 * Measures the chunked file store: upload a firmware image of SIZE_MB through the API, then
 * download it as a station would, reporting throughput and the process's peak RSS growth.
 *
 *   SIZE_MB=100 TEST_BACKENDS=postgres node --import tsx scripts/bench-files.ts
 */
import { randomBytes } from 'node:crypto';
import { startServer } from '../test/helpers/app.ts';
import { backends } from '../test/helpers/db.ts';

const sizeMb = Number(process.env.SIZE_MB ?? 50);
const image = randomBytes(sizeMb * 1024 * 1024);
for (const backend of await backends()) {
  const s = await startServer(backend);
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let t = performance.now();
  const res = await fetch(`${s.baseUrl}/api/v1/firmware/images?version=bench`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/octet-stream' },
    body: image,
  });
  const img = (await res.json()) as { downloadUrl: string; sizeBytes: number };
  const up = performance.now() - t;
  t = performance.now();
  const dl = await fetch(img.downloadUrl);
  let bytes = 0;
  for await (const chunk of dl.body!) bytes += (chunk as Uint8Array).length;
  const down = performance.now() - t;
  clearInterval(sampler);
  const mbs = (ms: number) => (sizeMb / (ms / 1000)).toFixed(1);
  console.log(`${backend}: ${sizeMb} MB up ${up.toFixed(0)} ms (${mbs(up)} MB/s), down ${down.toFixed(0)} ms (${mbs(down)} MB/s), ${bytes === image.length ? 'bytes match' : 'SIZE MISMATCH'}, peak RSS +${((peak - rss0) / 1048576).toFixed(0)} MB (the ${sizeMb} MB test buffer is allocated before)`);
  await s.close();
}
