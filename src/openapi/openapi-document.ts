import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DEFAULT_SECURITY_NAME as OAUTH2_SECURITY_NAME } from '@scopegate/nest-scopes';
import { DOCS_CLIENT_ID, DOCS_PATH, DOCS_REDIRECT_PATH } from '../clients/oauth-client';
import { SCOPE_TABLE } from '../common/authz/scope-table';
import { AppConfig, appConfig } from '../config/app.config';
import { ErrorDto } from '../common/http/error.dto';
import { CLIENT_BASIC_SECURITY_NAME } from '../common/openapi/security-schemes';
import {
  describeRequiredScopes,
  documentCommonResponses,
} from '../common/openapi/common-responses';
import { serveDocsAtIssuerOrigin } from './docs-at-issuer';
import { FLOW_DESCRIPTIONS_EXTENSION, swaggerUiOptions } from './swagger-ui';

/** The package's version (package.json sits two folders up from both src/openapi and dist/openapi). */
const VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** One line per OAuth2 flow for the Authorize dialog: which to pick, and why. */
const FLOW_DESCRIPTIONS = {
  authorizationCode:
    'Recommended: tick the scopes, click Authorize and sign in on scopegate’s own page, where ' +
    'you can still untick scopes. Your password never passes through this page.',
  password:
    'Quick tryout: type a username and password here. Can be switched off (PASSWORD_GRANT=false).',
  clientCredentials:
    'For a registered service, not a person: its client_id and client_secret from POST /clients.',
};

/** The OpenAPI document: the OAuth2 scheme lists every scope of the scope table. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const { passwordGrant } = app.get<AppConfig>(appConfig.KEY);
  const scopes = Object.fromEntries(SCOPE_TABLE.map((scope) => [scope.name, scope.description]));
  const config = new DocumentBuilder()
    .setTitle('scopegate')
    .setDescription(
      'A commerce API protected by fine-grained OAuth2 scopes. Click **Authorize**, tick the scopes ' +
        'to request and sign in with the authorization code flow (PKCE, through scopegate’s own ' +
        'sign-in and consent pages), the password flow, or as a registered client with client ' +
        'credentials; each operation lists the scopes it requires. Access tokens are signed JWTs ' +
        '(RFC 9068), valid for a short time; refresh tokens rotate on every use.',
    )
    .setVersion(VERSION)
    .addTag('auth', 'OAuth2 endpoints: tokens, revocation, introspection, discovery')
    .addTag('items', 'The catalogue')
    .addTag('orders', 'Orders and payments')
    .addTag('users', 'User accounts')
    .addTag('clients', 'Registered OAuth clients (admin)')
    .addTag('health', 'Liveness and readiness')
    .addTag('metrics', 'Prometheus metrics (metrics:read)')
    .addOAuth2(
      {
        type: 'oauth2',
        description:
          'Sign in to get an access token limited to the scopes you tick; every operation says ' +
          'which scopes it needs. Tokens are short-lived signed JWTs (RFC 9068), issued and checked ' +
          'following RFC8725 (JSON Web Token Best Current Practices).',
        [FLOW_DESCRIPTIONS_EXTENSION]: FLOW_DESCRIPTIONS,
        flows: {
          authorizationCode: {
            authorizationUrl: '/auth/authorize',
            tokenUrl: '/auth/token',
            refreshUrl: '/auth/token',
            scopes,
          },
          // RFC 9700 section 2.4: offered only while PASSWORD_GRANT is on.
          ...(passwordGrant
            ? { password: { tokenUrl: '/auth/token', refreshUrl: '/auth/token', scopes } }
            : {}),
          clientCredentials: { tokenUrl: '/auth/token', scopes },
        },
      },
      OAUTH2_SECURITY_NAME,
    )
    .addBasicAuth(
      {
        type: 'http',
        scheme: 'basic',
        description:
          'Not for signing in: a registered client’s client_id (username) and client_secret ' +
          '(password). Only token introspection requires it; the token and revocation ' +
          'endpoints also accept it from confidential clients.',
      },
      CLIENT_BASIC_SECURITY_NAME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorDto] });
  documentCommonResponses(document);
  describeRequiredScopes(document, OAUTH2_SECURITY_NAME);
  return document;
}

/**
 * Swagger UI at /docs and the document at /docs-json. The code flow uses the built-in public client
 * with PKCE; the authorization survives a reload; the page is served at the issuer's address.
 */
export function setupOpenApi(app: INestApplication): void {
  const { issuer } = app.get<AppConfig>(appConfig.KEY).jwt;
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'scopegate API',
    ...swaggerUiOptions(DOCS_CLIENT_ID, `${issuer}${DOCS_REDIRECT_PATH}`),
  });
  serveDocsAtIssuerOrigin(app, DOCS_PATH, issuer);
}
