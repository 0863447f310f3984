import { OPTIONS } from './options';
import { MemoryRun } from './memory';
import {
  BASELINE,
  FASTAPI,
  ITEMS,
  ME,
  ORDERS,
  SCOPEGATE,
  SCOPEGATE_POSTGRES,
  SCOPEGATE_QUIET,
} from './plan';
import { findRatio, Ratio } from './ratios';
import { RoundFailures, RoundResults } from './rounds';
import { median } from './stats';
import { TokenEndpointRuns } from './token-endpoint';

/** One performance goal, its figure from this run, and whether the run meets it. */
export interface GoalRow {
  goal: string;
  figure: string;
  verdict: 'met' | 'not met' | 'failed' | 'skipped' | 'run too short' | 'reported';
}

export interface RunFigures {
  results: RoundResults;
  failures: RoundFailures;
  ratios: Ratio[];
  memory?: MemoryRun;
  /** Why the token endpoint's runs failed, when they did. */
  token: TokenEndpointRuns | string;
  /** Why a server was left out, by its name. */
  skipped: Map<string, string>;
}

/** The lowest and highest round, when there were several. */
const spread = (values: number[], format: (value: number) => string) =>
  values.length < 2
    ? ''
    : ` (rounds ${format(Math.min(...values))}–${format(Math.max(...values))})`;

const verdict = (met: boolean): GoalRow['verdict'] => (met ? 'met' : 'not met');
/** Growth below this share of the first third counts as none: RSS moves with the allocator. */
const NO_GROWTH_PERCENT = 5;

function ratioGoal(
  figures: RunFigures,
  route: string,
  of: string,
  to: string,
  goal: number,
): GoalRow {
  const label = `${of === SCOPEGATE ? route : `${route} on ${of}`} ≥ ${goal} × the ${to}`;
  const ratio = findRatio(figures.ratios, route, of, to);
  if (!ratio) {
    const failed = figures.failures.get(route);
    const why = failed?.get(of) ?? failed?.get(to);
    if (why) return { goal: label, figure: why, verdict: 'failed' };
    const skippedOne = figures.skipped.has(to) || figures.skipped.has(of);
    const figure = skippedOne ? 'see the note above' : 'not measured';
    return { goal: label, figure, verdict: 'skipped' };
  }
  return {
    goal: label,
    figure: `${ratio.median.toFixed(2)}${spread(ratio.perRound, (value) => value.toFixed(2))}`,
    verdict: verdict(ratio.median >= goal),
  };
}

function p99Goal(figures: RunFigures, route: string): GoalRow {
  const goal = `${route}: p99 ≤ 20 ms at ${OPTIONS.connections} connections`;
  const runs = figures.results.get(route)?.get(SCOPEGATE);
  if (!runs) {
    const why = figures.failures.get(route)?.get(SCOPEGATE) ?? 'not measured';
    return { goal, figure: why, verdict: 'failed' };
  }
  const p99s = runs.map((run) => run.p99);
  const p99 = median(p99s);
  return {
    goal,
    figure: `${p99} ms${spread(p99s, String)}`,
    verdict: verdict(p99 <= 20),
  };
}

/** The highest RSS any scopegate instance reached under load, and where. */
function peakRssGoal(figures: RunFigures): GoalRow {
  const peaks: [number, string][] = [];
  for (const [route, byTarget] of figures.results) {
    for (const [target, runs] of byTarget) {
      if (!target.startsWith(SCOPEGATE)) continue;
      peaks.push([Math.max(...runs.map((run) => run.peakRssMb)), `${target}, ${route}`]);
    }
  }
  const { token } = figures;
  if (typeof token !== 'string') {
    peaks.push([Math.max(...token.runs.map((run) => run.peakRssMb)), 'POST /auth/token']);
  }
  if (figures.memory) peaks.push([figures.memory.peakMb, `${figures.memory.seconds} s run`]);
  const [peak, where] = peaks.reduce((highest, next) => (next[0] > highest[0] ? next : highest));
  return {
    goal: 'Peak RSS ≤ 256 MB under load',
    figure: `${peak.toFixed(0)} MB (${where})`,
    verdict: verdict(peak <= 256),
  };
}

function growthGoal(memory: MemoryRun | undefined): GoalRow {
  const goal = `No RSS growth over a 3-minute run (< ${NO_GROWTH_PERCENT} %)`;
  if (!memory) return { goal, figure: 'BENCH_MEMORY_SECONDS=0', verdict: 'skipped' };
  const noGrowth = memory.growthPercent < NO_GROWTH_PERCENT;
  return {
    goal,
    figure:
      `${memory.growthPercent.toFixed(1)} % in ${memory.seconds} s ` +
      `(${memory.firstThirdMb.toFixed(0)} → ${memory.lastThirdMb.toFixed(0)} MB)`,
    verdict: memory.seconds < 180 ? 'run too short' : verdict(noGrowth),
  };
}

function tokenGoal(token: TokenEndpointRuns | string): GoalRow {
  const goal = 'POST /auth/token ≥ 0.8 × the argon2 rate';
  if (typeof token === 'string') return { goal, figure: token, verdict: 'failed' };
  const perRound = token.runs.map((run, i) => run.rps / token.argon2Rates[i]);
  return {
    goal,
    figure: `${token.ratio.toFixed(2)}${spread(perRound, (value) => value.toFixed(2))}`,
    verdict: verdict(token.ratio >= 0.8),
  };
}

/** What request logging costs: the throughput lost against the LOG_LEVEL=warn instance. */
function loggingShare(figures: RunFigures): GoalRow {
  const shares = [ITEMS, ME].flatMap((route) => {
    const ratio = findRatio(figures.ratios, route, SCOPEGATE, SCOPEGATE_QUIET);
    return ratio ? [`${route}: ${((1 - ratio.median) * 100).toFixed(0)} %`] : [];
  });
  return {
    goal: 'Request logging (info) costs, in req/s against LOG_LEVEL=warn',
    figure: shares.join('; '),
    verdict: 'reported',
  };
}

export function evaluateGoals(figures: RunFigures): GoalRow[] {
  return [
    ratioGoal(figures, ITEMS, SCOPEGATE, BASELINE, 0.6),
    ratioGoal(figures, ME, SCOPEGATE, BASELINE, 0.6),
    ratioGoal(figures, ITEMS, SCOPEGATE, FASTAPI, 1.5),
    ratioGoal(figures, ME, SCOPEGATE, FASTAPI, 1.5),
    p99Goal(figures, ITEMS),
    p99Goal(figures, ME),
    ratioGoal(figures, ORDERS, SCOPEGATE, BASELINE, 0.3),
    ratioGoal(figures, ITEMS, SCOPEGATE_POSTGRES, BASELINE, 0.45),
    peakRssGoal(figures),
    growthGoal(figures.memory),
    tokenGoal(figures.token),
    loggingShare(figures),
  ];
}
