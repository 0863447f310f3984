import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@scopegate/nest-scopes';
import { ALL_SCOPES } from '../../common/authz/scope-table';
import { AppConfig, appConfig } from '../../config/app.config';
import { ServerMetadataDto } from '../dto/server-metadata.dto';

/** RFC 8414 authorization server metadata, from the scope table and the configured issuer. */
@ApiTags('auth')
@Controller('.well-known')
@Public()
export class MetadataController {
  private readonly metadata: ServerMetadataDto;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    const { issuer } = config.jwt;
    const authMethods = ['client_secret_basic', 'client_secret_post'];
    this.metadata = {
      issuer,
      authorization_endpoint: `${issuer}/auth/authorize`,
      token_endpoint: `${issuer}/auth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      revocation_endpoint: `${issuer}/auth/revoke`,
      introspection_endpoint: `${issuer}/auth/introspect`,
      scopes_supported: [...ALL_SCOPES],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: [
        'authorization_code',
        ...(config.passwordGrant ? ['password'] : []),
        'refresh_token',
        'client_credentials',
      ],
      authorization_response_iss_parameter_supported: true,
      token_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_methods_supported: authMethods,
    };
  }

  @Get('oauth-authorization-server')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Authorization server metadata (RFC 8414)',
    description:
      'Where the endpoints are, which grants, scopes and client authentication methods are ' +
      'supported. Public, as clients read it before they hold any token.',
  })
  @ApiOkResponse({ type: ServerMetadataDto })
  serverMetadata(): ServerMetadataDto {
    return this.metadata;
  }
}
