import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard, ScopesGuard, ScopesModule } from '@scopegate/nest-scopes';
import { AuthModule } from '../../auth/auth.module';
import { SigningKeysModule } from '../../auth/keys/signing-keys.module';
import { SigningKeys } from '../../auth/keys/signing-keys';
import { ACCESS_TOKEN_TYPE } from '../../auth/token/token.service';
import { TokenStateCheck } from '../../auth/token/token-state.check';
import { VerifiedTokenCache } from '../../auth/token/verified-token-cache';
import { AppConfig, appConfig } from '../../config/app.config';
import { AppThrottlerGuard } from '../throttling/app-throttler.guard';
import { BEARER_REALM } from './principal';
import { SCOPES } from './scope-table';

/**
 * scopegate as a resource server of its own tokens, through the guard library: local keys, the
 * RFC 9068 `typ`, no scope outside the table, then scopegate's own state check. Guards run on
 * every route in this order: request limits (cheapest, first), the access token, its scopes.
 * scopegate's HttpErrorFilter writes the challenges.
 */
@Global()
@Module({
  imports: [
    ScopesModule.forRootAsync({
      imports: [AuthModule, SigningKeysModule],
      inject: [appConfig.KEY, SigningKeys, TokenStateCheck],
      useFactory: (config: AppConfig, keys: SigningKeys, state: TokenStateCheck) => ({
        scopes: SCOPES,
        realm: BEARER_REALM,
        unknownScopes: 'reject',
        issuers: [
          {
            issuer: config.jwt.issuer,
            audience: config.jwt.audience,
            typ: ACCESS_TOKEN_TYPE,
            keys: { algorithms: [config.jwt.algorithm], key: (kid) => keys.verificationKey(kid) },
          },
        ],
        verifiedTokens: new VerifiedTokenCache(),
        validatePrincipal: (principal, claims) => state.principalFrom(principal, claims),
      }),
      globalGuards: false,
      challengeFilter: false,
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useExisting: ScopesGuard },
  ],
})
export class AuthzModule {}
