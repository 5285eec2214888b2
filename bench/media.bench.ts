/**
 * npm run bench (uploads part, #10): a 2 MB JPEG uploaded to a product through the API — multipart
 * body, type sniffing, the anti-virus check, conversion into every size as AVIF and WebP, storage and
 * the image's row — against sharp alone making the same sizes from the same file in the same server
 * process. Uploads go from autocannon in its own process, BENCH_UPLOADS of them (default 8) over 2
 * connections; sharp alone converts as many with 2 at a time (the machine's cores). Target: uploads
 * ≥ 0.7 × sharp alone. On PGlite, and PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set.
 */
import { onEachDatabase } from './bench-databases.js';
import { startLoadGenerator, startServer } from './processes.js';
import type { MediaReady } from './serve-media.js';

const uploads = Number(process.env.BENCH_UPLOADS ?? 8);
const concurrency = 2;
const generator = startLoadGenerator();
let failed = false;
try {
  await onEachDatabase('sellrocket_media_bench', async (label, target) => {
    const server = await startServer<MediaReady>('serve-media.ts', {
      ...process.env,
      BENCH_DATABASE_TARGET: JSON.stringify(target),
    });
    try {
      const { url, cookie, uploadPath, jpegFile, jpegBytes } = server.ready;
      const upload = (amount: number) =>
        generator.run({
          url: `${url}${uploadPath}`,
          method: 'POST',
          connections: concurrency,
          amount,
          timeout: 120,
          headers: { cookie },
          form: { file: { type: 'file', path: jpegFile }, alt: { type: 'text', value: 'Bench photo' } },
        });
      const alone = async (count: number) =>
        (await (
          await fetch(`${url}/bench/sharp-alone?count=${count}&concurrency=${concurrency}`, { method: 'POST' })
        ).json()) as {
          seconds: number;
        };
      // Warm-up: the JIT, sharp's and the database's first calls.
      await upload(concurrency);
      await alone(concurrency);
      const u = await upload(uploads);
      const s = await alone(uploads);
      const stored = u['2xx'];
      const errors = u.errors + u.timeouts + u.non2xx;
      const uploadRate = stored / u.duration;
      const aloneRate = uploads / s.seconds;
      const ratio = uploadRate / aloneRate;
      console.log(
        `\n### Uploads on ${label}: ${uploads} uploads of a ${(jpegBytes / 1024 / 1024).toFixed(1)} MB JPEG, ${concurrency} at a time\n`,
      );
      console.log('| what | images/s | p50 s | p99 s | errors |');
      console.log('| --- | ---: | ---: | ---: | ---: |');
      console.log(`| sharp alone (same sizes and formats), the ceiling | ${aloneRate.toFixed(2)} | | | |`);
      console.log(
        `| upload → stored (POST …/images) | ${uploadRate.toFixed(2)} | ${(u.latency.p50 / 1000).toFixed(2)} | ${(u.latency.p99 / 1000).toFixed(2)} | ${errors} |`,
      );
      const met = errors === 0 && ratio >= 0.7;
      if (!met) failed = true;
      console.log(
        `\ntarget: upload ≥ 0.7 × sharp alone → ${ratio.toFixed(2)} ${errors > 0 ? `not valid: ${errors} errors` : met ? 'met' : 'NOT met'}`,
      );
    } finally {
      await server.stop();
    }
  });
} finally {
  generator.stop();
}
if (failed) process.exitCode = 1;
