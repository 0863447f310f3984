import { RoundResults } from './rounds';
import { median } from './stats';

/** requests/s of `of` over those of `to` on one route, one value a round. */
export interface RatioSpec {
  route: string;
  of: string;
  to: string;
}

export interface Ratio extends RatioSpec {
  perRound: number[];
  median: number;
}

/** The ratios whose two targets both ran; a skipped peer or service leaves its ratios out. */
export function computeRatios(results: RoundResults, specs: RatioSpec[]): Ratio[] {
  return specs.flatMap((spec) => {
    const runs = results.get(spec.route);
    const of = runs?.get(spec.of);
    const to = runs?.get(spec.to);
    if (!of || !to) return [];
    const perRound = of.map((run, round) => run.rps / to[round].rps);
    return [{ ...spec, perRound, median: median(perRound) }];
  });
}

export const findRatio = (ratios: Ratio[], route: string, of: string, to: string) =>
  ratios.find((ratio) => ratio.route === route && ratio.of === of && ratio.to === to);
