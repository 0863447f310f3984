import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { evaluateGoals, RunFigures } from './goals';
import { OPTIONS } from './options';
import { SCOPEGATE_QUIET } from './plan';
import { median } from './stats';

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];

/** Counts newlines a chunk at a time: a fast machine's log outgrows the longest string V8 makes. */
function countLines(file: string): number {
  const descriptor = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (let read; (read = readSync(descriptor, chunk)) > 0;) {
      for (let at = chunk.indexOf(10); at !== -1 && at < read; at = chunk.indexOf(10, at + 1)) {
        lines++;
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return lines;
}

/** How much the scopegate instance with request logging on wrote, to show that it did. */
function logVolume(logFile: string): string {
  return `${countLines(logFile)} lines, ${(statSync(logFile).size / 2 ** 20).toFixed(0)} MB`;
}

function goalsTable(figures: RunFigures): string[] {
  const rows = evaluateGoals(figures).map((goal) => row([goal.goal, goal.figure, goal.verdict]));
  return [...header(['goal', 'this run (median)', 'verdict']), ...rows];
}

function ratiosTable(figures: RunFigures): string[] {
  const rounds = Array.from({ length: OPTIONS.rounds }, (_, i) => `round ${i + 1}`);
  const rows = figures.ratios.map((ratio) => {
    const what =
      ratio.to === SCOPEGATE_QUIET
        ? `${ratio.of} / ${ratio.to} (logging's cost)`
        : `${ratio.of} / ${ratio.to}`;
    return row([
      ratio.route,
      what,
      ...ratio.perRound.map((value) => value.toFixed(2)),
      `**${ratio.median.toFixed(2)}**`,
    ]);
  });
  return [...header(['route', 'req/s ratio', ...rounds, 'median']), ...rows];
}

function runsTable(figures: RunFigures): string[] {
  const rows: string[] = [];
  for (const [route, byTarget] of figures.results) {
    for (const [target, runs] of byTarget) {
      rows.push(
        row([
          route,
          target,
          median(runs.map((run) => run.rps)).toFixed(0),
          `${median(runs.map((run) => run.p50))} / ${median(runs.map((run) => run.p99))}`,
          Math.max(...runs.map((run) => run.peakRssMb)).toFixed(0),
          runs.map((run) => run.rps.toFixed(0)).join(', '),
        ]),
      );
    }
  }
  const columns = ['route', 'server', 'req/s', 'p50 / p99 ms', 'peak RSS MB', 'req/s per round'];
  if (typeof figures.token === 'string') return [...header(columns), ...rows];
  const { runs, argon2Rates } = figures.token;
  rows.push(
    row([
      'POST /auth/token',
      `scopegate (argon2 alone: ${median(argon2Rates).toFixed(1)}/s)`,
      median(runs.map((run) => run.rps)).toFixed(1),
      `${median(runs.map((run) => run.p50))} / ${median(runs.map((run) => run.p99))}`,
      Math.max(...runs.map((run) => run.peakRssMb)).toFixed(0),
      runs.map((run) => run.rps.toFixed(1)).join(', '),
    ]),
  );
  return [...header(columns), ...rows];
}

/** The whole report, in Markdown: written to bench/results/latest.md and printed. */
export function formatReport(figures: RunFigures, logFile: string): string {
  const machine =
    `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node.js ${process.version}`;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return [
    `Run ${when} UTC on ${machine}; load generator on the same machine; ${OPTIONS.connections} ` +
      `connections, ${OPTIONS.warmupSeconds} s warm-up, ${OPTIONS.seconds} s per run, ` +
      `${OPTIONS.rounds} ${OPTIONS.rounds === 1 ? 'round' : 'rounds'}. scopegate: production build, on SQLite unless named otherwise; ` +
      `the request log of the instance named scopegate ` +
      `(LOG_LEVEL=info, JSON) written to a file (${logVolume(logFile)}).`,
    ...[...figures.skipped.values()].map((why) => `\n${why}.`),
    ...[...figures.failures].flatMap(([route, failed]) =>
      [...failed].map(([target, why]) => `\n${target} on ${route}: ${why}.`),
    ),
    '',
    ...goalsTable(figures),
    '',
    'Ratios of requests/s, each of two runs in the same round:',
    '',
    ...ratiosTable(figures),
    '',
    'Every run (medians over the rounds; peak RSS the highest):',
    '',
    ...runsTable(figures),
    '',
  ].join('\n');
}
