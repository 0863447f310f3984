import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DEFAULT_SECURITY_NAME as OAUTH2_SECURITY_NAME } from '@scopegate/nest-scopes';
import { SCOPE_TABLE } from '../authz/scope-table';
import { AppConfig, appConfig } from '../../config/app.config';
import { ErrorDto } from '../http/error.dto';
import { describeRequiredScopes, documentCommonResponses } from './common-responses';

export const DOCS_PATH = 'docs';
export const CLIENT_BASIC_SECURITY_NAME = 'client_basic';
/** Swagger UI's built-in public client for the code flow, and where it receives the code. */
export const DOCS_CLIENT_ID = 'scopegate-docs';
export const DOCS_REDIRECT_PATH = `/${DOCS_PATH}/oauth2-redirect.html`;

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
    .setVersion('1.0')
    .addTag('auth', 'OAuth2 endpoints: tokens, revocation, introspection, discovery')
    .addTag('items', 'The catalogue')
    .addTag('orders', 'Orders and payments')
    .addTag('users', 'User accounts')
    .addTag('clients', 'Registered OAuth clients (admin)')
    .addTag('health', 'Liveness and readiness')
    .addOAuth2(
      {
        type: 'oauth2',
        description:
          'OAuth2 with the scopes of the scopegate scope table. Access tokens are short-lived JWTs ' +
          '(RFC 9068) issued and validated following RFC8725 (JSON Web Token Best Current ' +
          'Practices): the algorithm is pinned, `typ` is `at+jwt`, keys are chosen by `kid`, and ' +
          '`iss`, `aud` and `exp` are checked.',
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
        description: 'OAuth client authentication (client_secret_basic): client_id:client_secret',
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
 * with PKCE; the authorization survives a reload.
 */
export function setupOpenApi(app: INestApplication): void {
  const { issuer } = app.get<AppConfig>(appConfig.KEY).jwt;
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'scopegate API',
    swaggerOptions: {
      persistAuthorization: true,
      oauth2RedirectUrl: `${issuer}${DOCS_REDIRECT_PATH}`,
      initOAuth: { clientId: DOCS_CLIENT_ID, usePkceWithAuthorizationCodeGrant: true },
    },
  });
}
