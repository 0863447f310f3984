/** The knobs of `npm run bench`, read once from the environment. */
const numberFrom = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const OPTIONS = {
  /** Seconds of each measured run, after its warm-up. */
  seconds: numberFrom('BENCH_SECONDS', 10),
  warmupSeconds: numberFrom('BENCH_WARMUP_SECONDS', 3),
  /** Rounds: in each, every server is measured once on a route, so ratios come in pairs. */
  rounds: numberFrom('BENCH_PAIRS', 3),
  connections: numberFrom('BENCH_CONNECTIONS', 50),
  /** The long run on GET /items/:id for memory growth; 0 skips it. */
  memorySeconds: numberFrom('BENCH_MEMORY_SECONDS', 180),
  /** The server on which the bench makes (and drops) a database of its own; "off" skips it. */
  postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
  /** The Redis the PostgreSQL instance uses, under a key prefix of the bench's own. */
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  /** The Python with Debian's FastAPI packages; "off" skips the peer. */
  python: process.env.BENCH_PYTHON ?? '/usr/bin/python3',
  build: !process.argv.includes('--no-build'),
};

export const PASSWORD = 'correct-horse-battery';
