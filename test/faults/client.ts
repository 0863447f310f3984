import { performance } from 'node:perf_hooks';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  ms: number;
}

export interface Call {
  method?: string;
  token?: string;
  form?: Record<string, string>;
  json?: unknown;
}

/** One request to a server process, with its answer parsed and its latency measured. */
export async function call(base: string, path: string, request: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: request.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: response.status, headers: response.headers, body: parsed, ms };
}

/** The admin's tokens by the password grant (public client scopegate-web). */
export async function adminTokens(base: string, username: string, password: string) {
  const answer = await call(base, '/auth/token', {
    form: { grant_type: 'password', username, password },
  });
  if (answer.status !== 200) throw new Error(`password grant: ${answer.status}`);
  return answer.body as { access_token: string; refresh_token: string };
}

/** The lines of a server's JSON log whose message matches. */
export const logLines = (output: string, message: RegExp): string[] =>
  output.split('\n').filter((line) => message.test(line));
