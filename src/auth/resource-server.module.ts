import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard, ScopesGuard, ScopesModule } from '@scopegate/nest-scopes';
import { AuthModule } from './auth.module';
import { SigningKeysModule } from './keys/signing-keys.module';
import { SigningKeys } from './keys/signing-keys';
import { ACCESS_TOKEN_TYPE } from './token/token.service';
import { TokenStateCheck } from './token/token-state.check';
import { VerifiedTokenCache } from './token/verified-token-cache';
import { AppConfig, appConfig } from '../config/app.config';
import { REALM } from '../common/errors/realm';
import { SCOPES } from '../common/authz/scope-table';

/**
 * scopegate as a resource server of its own tokens, through the guard library: local keys, the
 * RFC 9068 `typ`, no scope outside the table, then scopegate's own state check. Its guards run on
 * every route after the request limits (ThrottlingModule, imported first): the access token, its
 * scopes.
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
        realm: REALM,
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
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useExisting: ScopesGuard },
  ],
})
export class ResourceServerModule {}
