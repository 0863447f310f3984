import { Controller, Header, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@scopegate/nest-scopes';
import { OAUTH_ERROR_ROUTE } from '../../common/errors/http-error.filter';
import { CLIENT_BASIC_SECURITY_NAME } from '../../common/openapi/security-schemes';
import { CredentialEndpoint } from '../../common/throttling/credential-endpoint.decorator';
import { TokenReferenceDto, TokenRequestDto } from '../dto/token-request.dto';
import { IntrospectionDto, TokenResponseDto } from '../dto/token-response.dto';
import {
  AuthenticatesClient,
  CurrentOAuthRequest,
  OAuthRequest,
} from '../oauth/client-authentication.guard';
import { AuditTrail } from '../oauth/audit-trail';
import { OAuthAuditFilter } from '../oauth/oauth-audit.filter';
import { ApiInvalidClient, ApiOAuthBadRequest, ApiOAuthUnavailable } from '../oauth/oauth-docs';
import { NO_STORE, OAuthError } from '../../common/errors/oauth-error';
import { TokenRevocationService } from '../revocation/token-revocation.service';
import { TokenGrants } from './grants/token-grants';
import { TokenIntrospectionService } from './token-introspection.service';

/** The OAuth endpoints: form-encoded in, RFC-shaped JSON out, never cached. */
@ApiTags('auth')
@Controller('auth')
@Public()
@CredentialEndpoint()
@UseFilters(OAuthAuditFilter)
export class TokenController {
  constructor(
    private readonly grants: TokenGrants,
    private readonly revocation: TokenRevocationService,
    private readonly introspection: TokenIntrospectionService,
  ) {}

  @Post('token')
  @RouteConfig(OAUTH_ERROR_ROUTE)
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE['Cache-Control'])
  @Header('Pragma', NO_STORE.Pragma)
  @AuthenticatesClient(TokenRequestDto)
  @ApiSecurity({})
  @ApiSecurity(CLIENT_BASIC_SECURITY_NAME)
  @ApiOperation({
    summary: 'Token endpoint (RFC 6749)',
    description:
      'grant_type=authorization_code (PKCE), password (public clients; can be switched off), ' +
      'refresh_token (rotates; reuse revokes the chain), client_credentials (HTTP Basic or ' +
      'client_id + client_secret in the body).',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenRequestDto })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiOAuthBadRequest(
    'invalid_request, invalid_grant, invalid_scope or unsupported_grant_type (RFC 6749 §5.2)',
    'invalid_grant',
    'The credentials or the grant are invalid or have expired',
  )
  @ApiInvalidClient('invalid_client: client authentication failed')
  @ApiOAuthUnavailable()
  token(
    @CurrentOAuthRequest() { params, client }: OAuthRequest<TokenRequestDto>,
    @Req() http: FastifyRequest,
  ): Promise<TokenResponseDto> {
    const audit = new AuditTrail(http.log);
    return this.grants.for(params.grant_type).issue({ params, client, audit, address: http.ip });
  }

  @Post('revoke')
  @RouteConfig(OAUTH_ERROR_ROUTE)
  @HttpCode(200)
  @ApiSecurity({})
  @ApiSecurity(CLIENT_BASIC_SECURITY_NAME)
  @Header('Cache-Control', NO_STORE['Cache-Control'])
  @ApiOperation({
    summary: 'Token revocation (RFC 7009)',
    description:
      'Revokes an access token, or a refresh token with its whole chain and the access tokens ' +
      'issued from it. A client revokes only tokens issued to it (a public client names itself ' +
      'with client_id); answers 200 whether or not the token was known or revoked.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenReferenceDto })
  @ApiOkResponse({ description: 'Revoked, or never valid (no body)' })
  @ApiOAuthBadRequest(
    'invalid_request (RFC 7009 §2.2.1)',
    'invalid_request',
    'The parameter token is missing',
  )
  @ApiInvalidClient('invalid_client: client authentication failed')
  @ApiOAuthUnavailable()
  @AuthenticatesClient(TokenReferenceDto)
  async revoke(
    @CurrentOAuthRequest() { params, client }: OAuthRequest<TokenReferenceDto>,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.revocation.revoke(
      params.token,
      params.token_type_hint,
      client,
      new AuditTrail(request.log),
    );
  }

  @Post('introspect')
  @RouteConfig(OAUTH_ERROR_ROUTE)
  @HttpCode(200)
  @ApiSecurity(CLIENT_BASIC_SECURITY_NAME)
  @Header('Cache-Control', NO_STORE['Cache-Control'])
  @ApiOperation({
    summary: 'Token introspection (RFC 7662), for registered clients',
    description:
      'Needs a registered client authenticated with its secret: HTTP Basic (client_secret_basic, ' +
      'the security scheme below) or `client_id` and `client_secret` in the form ' +
      '(client_secret_post). Anything not valid is {"active": false}.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenReferenceDto })
  @ApiOkResponse({ type: IntrospectionDto })
  @ApiOAuthBadRequest(
    'invalid_request (RFC 7662 §2.3)',
    'invalid_request',
    'The parameter token is missing',
  )
  @ApiInvalidClient('invalid_client: no client, a public client or a wrong secret')
  @ApiOAuthUnavailable()
  @AuthenticatesClient(TokenReferenceDto)
  introspect(
    @CurrentOAuthRequest() { params, client }: OAuthRequest<TokenReferenceDto>,
  ): Promise<IntrospectionDto> {
    if (client.isPublic) {
      throw new OAuthError(
        'invalid_client',
        'Introspection needs a registered client with its secret',
      );
    }
    return this.introspection.introspect(params.token, params.token_type_hint);
  }
}
