import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One answer of the server, as the check sees it. */
export interface Exchange {
  readonly method: string;
  /** The route pattern that served it (`/items/:id`), undefined when no route matched. */
  readonly route: string | undefined;
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, unknown>>;
  /** The body as sent; undefined when it was streamed (static files). */
  readonly body: string | undefined;
}

interface MediaType {
  schema?: object;
}
interface ResponseObject {
  headers?: Record<string, { required?: boolean; $ref?: string }>;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: object; headers?: Record<string, { required?: boolean }> };
}

/**
 * Routes the document rightly leaves out: Swagger UI's own (the page, its assets, the document
 * itself) and the stylesheet of the sign-in and consent pages, which is part of those pages.
 */
const UNDOCUMENTED_ROUTES = [/^\/docs(-json|-yaml)?(\/|$)/, /^\/auth\/authorize\/style\.css$/];

/** Headers that must appear exactly where the document declares them. */
const PAIRED_HEADERS = ['www-authenticate', 'retry-after', 'location'];

/** OpenAPI 3.0 annotations that are not JSON Schema validation keywords. */
const ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator'];

const pointer = (...parts: string[]) =>
  parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Fastify's `/items/:id` as OpenAPI's `/items/{id}`. */
const openApiPath = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const mediaTypeOf = (headers: Exchange['headers']) => {
  const type = headers['content-type'];
  return typeof type === 'string' ? type.split(';')[0].trim().toLowerCase() : '';
};

/**
 * The responses an OpenAPI 3.0 document promises, checked with Ajv (and ajv-formats) against the
 * document's own schemas: the status is listed for the operation, the body fits the schema of
 * that status and media type, and the challenge, Retry-After and Location headers appear exactly
 * where declared.
 */
export class ResponseContract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Document) {
    this.ajv = new Ajv({ allErrors: true, strict: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary(ANNOTATIONS);
    // The document's schemas, where the rebased `$ref`s of every response schema point.
    this.ajv.addSchema({ $id: 'openapi', definitions: rebase(document.components?.schemas ?? {}) });
  }

  /** Every way `exchange` breaks the document (empty when it keeps it). */
  check(exchange: Exchange): string[] {
    const method = (exchange.method === 'HEAD' ? 'GET' : exchange.method).toLowerCase();
    if (exchange.route === undefined) return this.checkUnrouted(exchange);
    if (UNDOCUMENTED_ROUTES.some((pattern) => pattern.test(exchange.route!))) return [];
    if (method === 'options' && exchange.headers['access-control-allow-methods'] !== undefined) {
      return []; // a CORS preflight, answered by @fastify/cors for every path
    }
    const path = openApiPath(exchange.route);
    const operation = this.document.paths[path]?.[method];
    if (!operation) return [`${method.toUpperCase()} ${path} is served but not documented`];
    const status = String(exchange.status);
    const response = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
    if (!response) return [`status ${status} is not documented for this operation`];
    const at = ['#', 'paths', path, method, 'responses', status];
    return [
      ...this.checkHeaders(exchange, response),
      ...this.checkBody(exchange, response, at, method === 'get' && exchange.method === 'HEAD'),
    ];
  }

  /** No route matched: the answer is an error in the one error shape. */
  private checkUnrouted(exchange: Exchange): string[] {
    // 404, or a body refused before routing (malformed, too large, of an unknown media type).
    if (![400, 404, 405, 413, 415].includes(exchange.status)) {
      return [`status ${exchange.status} for a path no route serves`];
    }
    const error = 'openapi#/definitions/ErrorDto';
    const validate = this.compile(error, { $ref: error });
    return this.checkJson(exchange, validate);
  }

  private checkHeaders(exchange: Exchange, response: ResponseObject): string[] {
    const problems: string[] = [];
    const declared = new Map(
      Object.entries(response.headers ?? {}).map(([name, header]) => {
        const resolved = header.$ref
          ? this.document.components?.headers?.[header.$ref.split('/').pop()!]
          : header;
        return [name.toLowerCase(), resolved ?? {}];
      }),
    );
    for (const [name, header] of declared) {
      const required = header.required === true || PAIRED_HEADERS.includes(name);
      if (required && exchange.headers[name] === undefined) {
        problems.push(`header ${name} is declared but not sent`);
      }
    }
    for (const name of PAIRED_HEADERS) {
      if (exchange.headers[name] !== undefined && !declared.has(name)) {
        problems.push(`header ${name} is sent but not declared`);
      }
    }
    return problems;
  }

  private checkBody(
    exchange: Exchange,
    response: ResponseObject,
    at: string[],
    headRequest: boolean,
  ): string[] {
    const content = response.content ?? {};
    const mediaType = mediaTypeOf(exchange.headers);
    const empty = exchange.body === undefined ? false : exchange.body.length === 0;
    if (Object.keys(content).length === 0) {
      return empty || headRequest ? [] : [`a ${mediaType || 'untyped'} body is not documented`];
    }
    if (empty && !headRequest) return ['an empty body, where the document describes one'];
    const documented = Object.keys(content).find((type) => type.toLowerCase() === mediaType);
    if (!documented) {
      return [`media type ${mediaType || 'none'} is not one of ${Object.keys(content).join(', ')}`];
    }
    if (headRequest || exchange.body === undefined || !content[documented].schema) return [];
    if (!/json/.test(documented)) return [];
    const key = pointer(...at, 'content', documented, 'schema');
    return this.checkJson(exchange, this.compile(key, rebase(content[documented].schema)));
  }

  private checkJson(exchange: Exchange, validate: ValidateFunction): string[] {
    let body: unknown;
    try {
      body = JSON.parse(exchange.body ?? '');
    } catch {
      return ['the body is not JSON'];
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `body${error.instancePath} ${error.message ?? 'is invalid'}`,
    );
  }

  /** The validator of `schema`, compiled once per place in the document (`key`). */
  private compile(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** `#/components/schemas/...` references, pointed at the schemas Ajv holds as `openapi`. */
function rebase(schema: object): object {
  const text = JSON.stringify(schema).replace(
    /"\$ref":"#\/components\/schemas\//g,
    '"$ref":"openapi#/definitions/',
  );
  return JSON.parse(text) as object;
}
