import { measure, Measure } from './measure';
import { OPTIONS } from './options';
import { Server } from './processes';

/** One server as measured on one route: where to send the request, with which token. */
export interface Target {
  name: string;
  server: Server;
  path: string;
  token: string;
}

export interface RouteUnderTest {
  name: string;
  targets: Target[];
}

/** Each route's runs, by target name, in round order. */
export type RoundResults = Map<string, Map<string, Measure[]>>;

/**
 * OPTIONS.rounds rounds; in each, every target of every route runs once, one after the other, so
 * that a ratio compares two runs minutes apart at most. The order of the targets turns by one
 * each round: the machine's drift then favours none of them.
 */
export async function runRounds(routes: RouteUnderTest[]): Promise<RoundResults> {
  const results: RoundResults = new Map(
    routes.map((route) => [route.name, new Map<string, Measure[]>()]),
  );
  for (let round = 0; round < OPTIONS.rounds; round++) {
    for (const route of routes) {
      const byTarget = results.get(route.name)!;
      const turned = route.targets.map((_, i) => route.targets[(i + round) % route.targets.length]);
      for (const target of turned) {
        const run = await measure(target.server.process.pid!, {
          url: `${target.server.url}${target.path}`,
          headers: { authorization: `Bearer ${target.token}` },
        });
        byTarget.set(target.name, [...(byTarget.get(target.name) ?? []), run]);
        console.log(
          `round ${round + 1}  ${route.name}  ${target.name}: ${run.rps.toFixed(0)} req/s, ` +
            `p50 ${run.p50} ms, p99 ${run.p99} ms, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
        );
      }
    }
  }
  return results;
}
