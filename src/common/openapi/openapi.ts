import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SCOPE_TABLE } from '../authz/scope-table';
import { OAUTH2_SECURITY_NAME } from '../authz/scopes.decorator';
import { ErrorDto } from '../http/error.dto';
import { documentCommonResponses } from './common-responses';

export const DOCS_PATH = 'docs';
export const CLIENT_BASIC_SECURITY_NAME = 'client_basic';

/** The OpenAPI document: the OAuth2 scheme lists every scope of the scope table. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const scopes = Object.fromEntries(SCOPE_TABLE.map((scope) => [scope.name, scope.description]));
  const config = new DocumentBuilder()
    .setTitle('scopegate')
    .setDescription(
      'A commerce API protected by fine-grained OAuth2 scopes. Click **Authorize**, sign in with ' +
        'the password flow (or as a registered client with client credentials) and tick the scopes ' +
        'to request; each operation lists the scopes it requires. Access tokens are signed JWTs ' +
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
          password: { tokenUrl: '/auth/token', refreshUrl: '/auth/token', scopes },
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
  return document;
}

/** Swagger UI at /docs and the document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'scopegate API',
    swaggerOptions: { persistAuthorization: true },
  });
}
