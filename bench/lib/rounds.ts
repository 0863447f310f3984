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

/** Why a target stopped being measured on a route, by route and target name. */
export type RoundFailures = Map<string, Map<string, string>>;

const routeMap = <T>(routes: RouteUnderTest[]) =>
  new Map(routes.map((route) => [route.name, new Map<string, T>()]));

/**
 * OPTIONS.rounds rounds; in each, every target of every route runs once, one after the other, so
 * that a ratio compares two runs minutes apart at most. The order of the targets turns by one
 * each round: the machine's drift then favours none of them. A target whose run fails (an error
 * answer, or none at all) is dropped from that route with its earlier runs, and the rest go on.
 */
export async function runRounds(
  routes: RouteUnderTest[],
): Promise<{ results: RoundResults; failures: RoundFailures }> {
  const results = routeMap<Measure[]>(routes);
  const failures = routeMap<string>(routes);
  for (let round = 0; round < OPTIONS.rounds; round++) {
    for (const route of routes) {
      const byTarget = results.get(route.name)!;
      const failed = failures.get(route.name)!;
      const turned = route.targets.map((_, i) => route.targets[(i + round) % route.targets.length]);
      for (const target of turned.filter(({ name }) => !failed.has(name))) {
        const label = `round ${round + 1}  ${route.name}  ${target.name}`;
        try {
          const run = await measure(target.server.process.pid!, {
            url: `${target.server.url}${target.path}`,
            headers: { authorization: `Bearer ${target.token}` },
          });
          byTarget.set(target.name, [...(byTarget.get(target.name) ?? []), run]);
          console.log(
            `${label}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ` +
              `peak RSS ${run.peakRssMb.toFixed(0)} MB`,
          );
        } catch (error) {
          const why = `failed in round ${round + 1}: ${error instanceof Error ? error.message : String(error)}`;
          failed.set(target.name, why);
          byTarget.delete(target.name);
          console.log(`${label} ${why}`);
        }
      }
    }
  }
  return { results, failures };
}
