import * as argon2 from 'argon2';
import { measure, Measure } from './measure';
import { OPTIONS, PASSWORD } from './options';
import { Server } from './processes';
import { median } from './stats';

export interface TokenEndpointRuns {
  runs: Measure[];
  argon2Rates: number[];
  ratio: number;
}

/** What argon2id with scopegate's parameters verifies per second here, on four threads at once. */
async function argon2Rate(): Promise<number> {
  const hash = await argon2.hash(PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  let done = 0;
  const end = Date.now() + OPTIONS.seconds * 1000;
  const verifyUntilEnd = async () => {
    while (Date.now() < end) {
      await argon2.verify(hash, PASSWORD);
      done++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, verifyUntilEnd));
  return done / OPTIONS.seconds;
}

/**
 * POST /auth/token (password grant) against the bare argon2 rate, alternately: a sign-in is
 * one argon2id verification, so that rate is its ceiling. Why it failed, when a run did.
 */
export async function runTokenEndpoint(
  server: Server,
  username: string,
): Promise<TokenEndpointRuns | string> {
  const runs: Measure[] = [];
  const argon2Rates: number[] = [];
  const body = new URLSearchParams({ grant_type: 'password', username, password: PASSWORD });
  for (let round = 1; round <= OPTIONS.rounds; round++) {
    const run = await measure(server.process.pid!, {
      url: `${server.url}/auth/token`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    }).catch((error: Error) => `POST /auth/token failed in round ${round}: ${error.message}`);
    if (typeof run === 'string') {
      console.log(run);
      return run;
    }
    const rate = await argon2Rate();
    runs.push(run);
    argon2Rates.push(rate);
    console.log(
      `round ${round}  POST /auth/token: ${run.rps.toFixed(1)} req/s, p50 ${run.p50} ms, ` +
        `p99 ${run.p99} ms; argon2 ${rate.toFixed(1)}/s`,
    );
  }
  return { runs, argon2Rates, ratio: median(runs.map((run, i) => run.rps / argon2Rates[i])) };
}
