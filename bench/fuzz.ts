/**
 * Issue 14's full fuzz run: at least 10,000 seed-fixed generated and mutated bodies against
 * POST /api/dora/events, /api/dora/cdevents, /api/dora/webhooks/github, GET /api/slo/gate and
 * POST /api/slo/validate of one booted development portal. Prints counts per route and status
 * class, the 5xx count and p50/p95/p99 latency against the 200 ms limit; exits 1 on any 5xx,
 * dropped connection, dead backend or p99 over the limit.
 *
 *   yarn bench:fuzz            (FUZZ_COUNT, FUZZ_SEED to change the run)
 */
import {
  formatResult,
  runFuzz,
  startFuzzPortal,
  stillHealthy,
} from '../packages/e2e-tests/src/securityFuzz/runFuzz';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 14);

async function main() {
  const portal = await startFuzzPortal();
  try {
    const started = Date.now();
    const result = await runFuzz(portal, {
      seed: SEED,
      count: COUNT,
      onProgress: done => process.stderr.write(`${done}/${COUNT}\n`),
    });
    const healthy = await stillHealthy(portal);
    console.log(`seed ${SEED}, ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(formatResult(result));
    console.log(`backend healthy afterwards: ${healthy}`);
    for (const r of result.retried) {
      console.log(`RETRIED ${r.sent}\n  after ${r.previous}`);
    }
    for (const f of result.failures.slice(0, 10)) {
      console.log(`FAIL ${f.route} ${f.status}: ${f.sent}`);
    }
    if (result.failures.length || !healthy || result.latencyMs.p99 >= 200) {
      process.exitCode = 1;
    }
  } finally {
    await portal.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
