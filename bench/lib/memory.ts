import autocannon from 'autocannon';
import { OPTIONS } from './options';
import { rssMb } from './processes';
import { Target } from './rounds';
import { average } from './stats';

export interface MemoryRun {
  seconds: number;
  peakMb: number;
  firstThirdMb: number;
  lastThirdMb: number;
  growthPercent: number;
}

/**
 * OPTIONS.memorySeconds of load on one target, RSS sampled every second: growth compares the
 * average of the last third with that of the first, which skips the heap's first expansion.
 */
export async function runMemory(target: Target): Promise<MemoryRun | undefined> {
  if (OPTIONS.memorySeconds <= 0) return undefined;
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(target.server.process.pid!)), 1000);
  await autocannon({
    url: `${target.server.url}${target.path}`,
    headers: { authorization: `Bearer ${target.token}` },
    connections: OPTIONS.connections,
    duration: OPTIONS.memorySeconds,
  });
  clearInterval(sampler);
  const third = Math.max(1, Math.floor(samples.length / 3));
  const firstThirdMb = average(samples.slice(0, third));
  const lastThirdMb = average(samples.slice(-third));
  const run = {
    seconds: OPTIONS.memorySeconds,
    peakMb: Math.max(...samples),
    firstThirdMb,
    lastThirdMb,
    growthPercent: ((lastThirdMb - firstThirdMb) / firstThirdMb) * 100,
  };
  console.log(
    `memory: ${run.seconds} s, peak RSS ${run.peakMb.toFixed(0)} MB, ` +
      `${firstThirdMb.toFixed(0)} → ${lastThirdMb.toFixed(0)} MB (${run.growthPercent.toFixed(1)} %)`,
  );
  return run;
}
