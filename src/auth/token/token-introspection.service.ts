import { Injectable } from '@nestjs/common';
import { TokenVerifier } from '@scopegate/nest-scopes';
import { ClientsService } from '../../clients/clients.service';
import { UsersService } from '../../users/users.service';
import { IntrospectionDto } from '../dto/token-response.dto';
import { nowSeconds } from '../../common/time';
import { RefreshTokenService } from '../refresh/refresh-token.service';

const INACTIVE: IntrospectionDto = { active: false };

/** RFC 7662: whether a token is valid right now, and what it grants. */
@Injectable()
export class TokenIntrospectionService {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly refreshTokens: RefreshTokenService,
    private readonly users: UsersService,
    private readonly clients: ClientsService,
  ) {}

  async introspect(token: string, hint?: string): Promise<IntrospectionDto> {
    const lookups =
      hint === 'refresh_token'
        ? [() => this.refreshToken(token), () => this.accessToken(token)]
        : [() => this.accessToken(token), () => this.refreshToken(token)];
    for (const lookup of lookups) {
      const answer = await lookup();
      if (answer) return answer;
    }
    return INACTIVE;
  }

  private async accessToken(token: string): Promise<IntrospectionDto | undefined> {
    const verified = await this.verifier.verify(token);
    if (!verified) return undefined;
    const { claims } = verified;
    return {
      active: true,
      token_type: 'Bearer',
      scope: claims.scope as string,
      client_id: claims.client_id as string,
      sub: claims.sub as string,
      exp: claims.exp as number,
      iat: claims.iat as number,
      iss: claims.iss as string,
      aud: claims.aud as string,
      jti: claims.jti as string,
    };
  }

  private async refreshToken(token: string): Promise<IntrospectionDto | undefined> {
    const stored = await this.refreshTokens.find(token);
    if (!stored || stored.usedAt !== null || stored.revokedAt !== null) return undefined;
    if (stored.expiresAt <= nowSeconds()) return undefined;
    if (!(await this.users.isTokenVersionCurrent(stored.userId, stored.tokenVersion))) {
      return undefined;
    }
    if (!(await this.clients.find(stored.clientId))) return undefined;
    return {
      active: true,
      token_type: 'refresh_token',
      scope: stored.scope,
      client_id: stored.clientId,
      sub: stored.userId,
      exp: stored.expiresAt,
      iat: stored.createdAt,
    };
  }
}
