/**
 * `npm run bench`: every figure a performance goal is set on, from one run. scopegate (production
 * build, request log to a file), a second scopegate with LOG_LEVEL=warn, a third on PostgreSQL +
 * Redis, the bare Fastify baseline and the FastAPI peer are measured in interleaved rounds with
 * autocannon; then a long run for memory growth, then POST /auth/token against the argon2 rate.
 * It reports (bench/results/latest.md); it never fails on a figure.
 *
 * Options (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_PAIRS (rounds, 3),
 * BENCH_CONNECTIONS (50), BENCH_MEMORY_SECONDS (180; 0 skips the memory run), BENCH_POSTGRES_URL
 * and BENCH_REDIS_URL (the local servers; "off" skips), BENCH_PYTHON (/usr/bin/python3; "off").
 */
import { execSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparisonEnvironment, startBaseline } from './lib/baseline';
import { fastapiPeerMissing, startFastapiPeer } from './lib/fastapi-peer';
import { checkSameBodies } from './lib/same-bodies';
import { runMemory } from './lib/memory';
import { OPTIONS } from './lib/options';
import {
  Contenders,
  FASTAPI,
  RATIO_SPECS,
  routesUnderTest,
  SCOPEGATE_POSTGRES,
  SeededServer,
} from './lib/plan';
import { ROOT, stopAll } from './lib/processes';
import { computeRatios } from './lib/ratios';
import { formatReport } from './lib/report';
import { runRounds } from './lib/rounds';
import { ScopegateInstance, startScopegate } from './lib/scopegate';
import { seed } from './lib/seed';
import { BenchServices, createBenchServices } from './lib/services';
import { runTokenEndpoint } from './lib/token-endpoint';

async function main(): Promise<void> {
  if (OPTIONS.build) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  const workDir = mkdtempSync(join(tmpdir(), 'scopegate-bench-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const skipped = new Map<string, string>();
  let services: BenchServices | undefined;
  const startSeeded = async (instance: ScopegateInstance): Promise<SeededServer> => {
    const server = await startScopegate(instance, privateKey, workDir);
    return { server, ...(await seed(server.url)) };
  };
  const cleanUp = async () => {
    await stopAll();
    await services?.drop();
    services = undefined;
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const scopegate = await startSeeded({ name: 'scopegate', logLevel: 'info' });
    const quiet = await startSeeded({ name: 'scopegate-warn', logLevel: 'warn' });
    const servicesOrWhy = await createBenchServices();
    if (typeof servicesOrWhy === 'string') skipped.set(SCOPEGATE_POSTGRES, servicesOrWhy);
    else services = servicesOrWhy;
    const postgres =
      services &&
      (await startSeeded({ name: 'scopegate-postgres', logLevel: 'info', services: services.env }));

    const comparisonEnv = comparisonEnvironment(publicKey, scopegate.bodies);
    const baseline = await startBaseline(comparisonEnv, workDir);
    const peerMissing = fastapiPeerMissing();
    if (peerMissing) skipped.set(FASTAPI, peerMissing);
    const fastapi = peerMissing ? undefined : await startFastapiPeer(comparisonEnv, workDir);
    if (fastapi) await checkSameBodies(fastapi, scopegate);
    for (const why of skipped.values()) console.log(why);

    const contenders: Contenders = { scopegate, quiet, postgres, baseline, fastapi };
    const routes = routesUnderTest(contenders);
    const { results, failures } = await runRounds(routes);
    // Before the token route: argon2's 19 MiB blocks stay in glibc's per-thread arenas afterwards,
    // which would hide this run's own growth under memory the API routes never asked for.
    const memory = await runMemory(routes[0].targets[0]);
    const token = await runTokenEndpoint(scopegate.server, scopegate.username);

    const ratios = computeRatios(results, RATIO_SPECS);
    const report = formatReport(
      { results, failures, ratios, memory, token, skipped },
      scopegate.server.outputFile,
    );
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), report);
    console.log(`\n${report}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
