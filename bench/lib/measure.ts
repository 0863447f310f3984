import autocannon from 'autocannon';
import { OPTIONS } from './options';
import { rssMb } from './processes';

/** One measured run of one server. */
export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  peakRssMb: number;
}

/**
 * A warm-up, then one autocannon run with the server's RSS sampled every 100 ms. Any answer but
 * a 2xx, a request left unanswered for autocannon's 10 s, or a run without a single answer fails
 * the run: a server answering 401s or 503s fast, or not at all, would otherwise get a figure.
 */
export async function measure(pid: number, request: autocannon.Options): Promise<Measure> {
  const options = { ...request, connections: OPTIONS.connections };
  await autocannon({ ...options, duration: OPTIONS.warmupSeconds });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const result = await autocannon({ ...options, duration: OPTIONS.seconds });
  clearInterval(sampler);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const codes = Object.keys(result.statusCodeStats ?? {}).join(', ');
    throw new Error(
      `${result.non2xx} non-2xx (status ${codes}), ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  if (result.requests.total === 0) throw new Error(`no answer within ${OPTIONS.seconds} s`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    peakRssMb: peak,
  };
}
