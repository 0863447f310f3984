import { Counter } from 'prom-client';
import { metricsRegistry } from '../common/metrics/metrics';

/** The authorization server's counters, in the process's one registry. */
export const tokensIssued = new Counter({
  name: 'scopegate_tokens_issued_total',
  help: 'Access tokens issued, by grant and client',
  labelNames: ['grant', 'client'] as const,
  registers: [metricsRegistry],
});

export const tokenRequestsRefused = new Counter({
  name: 'scopegate_token_requests_refused_total',
  help: 'Token requests refused, by OAuth error',
  labelNames: ['error'] as const,
  registers: [metricsRegistry],
});

export const tokensRevoked = new Counter({
  name: 'scopegate_tokens_revoked_total',
  help: 'Tokens revoked (RFC 7009) or ended by refresh-token reuse, by kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const loginFailures = new Counter({
  name: 'scopegate_login_failures_total',
  help: 'Sign-ins with a wrong username or password, or a disabled account',
  registers: [metricsRegistry],
});

export const loginsThrottled = new Counter({
  name: 'scopegate_logins_throttled_total',
  help: 'Sign-in attempts refused by the failed-login limit (429)',
  registers: [metricsRegistry],
});
