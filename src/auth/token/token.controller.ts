import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/authz/public.decorator';
import { ROLE_SCOPES } from '../../common/authz/scope-table';
import { UserEntity } from '../../users/user.entity';
import { TokenRequestDto } from '../dto/token-request.dto';
import { OAuthErrorDto, TokenResponseDto } from '../dto/token-response.dto';
import { NO_STORE, OAuthError } from './oauth-error';
import { grantScopes } from './scope-grant';
import { tokenRequestOf } from './token-request';
import { TokenRequestGuard } from './token-request.guard';
import { TokenService } from './token.service';

type PasswordGrantRequest = FastifyRequest & { user?: UserEntity };

@ApiTags('auth')
@Controller('auth')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE['Cache-Control'])
  @Header('Pragma', NO_STORE.Pragma)
  @UseGuards(TokenRequestGuard)
  @ApiOperation({ summary: 'OAuth2 token endpoint (RFC 6749)' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenRequestDto })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ type: OAuthErrorDto })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto, description: 'invalid_client' })
  token(@Req() request: PasswordGrantRequest): TokenResponseDto {
    const { params, clientId } = tokenRequestOf(request);
    if (params.grant_type !== 'password' || !request.user) {
      throw new OAuthError('unsupported_grant_type', `Unsupported grant_type ${params.grant_type}`);
    }
    const user = request.user;
    const scopes = grantScopes(params.scope, ROLE_SCOPES[user.role]);
    const issued = this.tokens.issueAccessToken({
      subject: user.id,
      clientId,
      scopes,
      tokenVersion: user.tokenVersion,
    });
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: issued.scope,
    };
  }
}
