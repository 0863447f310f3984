import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ResponseContract } from './response-contract';

/** What broke the document since the last look, one line per response. */
const violations: string[] = [];

/**
 * Throws (failing the current test, from the setup file's afterEach) when a response broke the
 * document since the last call; either way the record starts again empty.
 */
export function assertNoViolations(): void {
  const found = violations.splice(0);
  if (found.length > 0) {
    throw new Error(`Responses that break the OpenAPI document:\n${found.join('\n')}`);
  }
}

/** One compiled contract per distinct document (PASSWORD_GRANT=false drops a flow, ...). */
const contracts = new Map<string, ResponseContract>();

function bodyText(payload: unknown): string | undefined {
  if (payload === null || payload === undefined) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined; // a stream: static files
}

/**
 * Checks every response `app` sends, whoever asked (supertest, fetch, oauth4webapi, inject),
 * against the document the app itself serves at /docs-json. Call before `init()`, then
 * `loadContract` once the app is ready.
 */
export function checkResponses(app: NestFastifyApplication): { loadContract(): Promise<void> } {
  let contract: ResponseContract | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      if (!contract) return payload;
      let problems: string[];
      try {
        problems = contract.check({
          method: request.method,
          route: request.routeOptions.url,
          url: request.url,
          status: reply.statusCode,
          headers: reply.getHeaders(),
          body: bodyText(payload),
        });
      } catch (error) {
        problems = [`the check itself failed: ${String(error)}`];
      }
      if (problems.length > 0) {
        const url = request.url.length > 120 ? `${request.url.slice(0, 120)}…` : request.url;
        violations.push(`${request.method} ${url} → ${reply.statusCode}: ${problems.join('; ')}`);
      }
      return payload;
    });
  return {
    async loadContract() {
      const text = (await app.inject({ method: 'GET', url: '/docs-json' })).body;
      contract = contracts.get(text);
      if (!contract) {
        contract = new ResponseContract(
          JSON.parse(text) as ConstructorParameters<typeof ResponseContract>[0],
        );
        contracts.set(text, contract);
      }
    },
  };
}
