import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { Repository } from 'typeorm';
import { ClientsModule } from '../clients/clients.module';
import { REDIS } from '../common/redis/redis.module';
import { UsersModule } from '../users/users.module';
import { AuthorizationCodeEntity } from './authorize/authorization-code.entity';
import { AuthorizationCodeService } from './authorize/authorization-code.service';
import { AuthorizeController } from './authorize/authorize.controller';
import { PageSigner } from './authorize/page-signer.service';
import { JwksController } from './discovery/jwks.controller';
import { MetadataController } from './discovery/metadata.controller';
import { SigningKeysModule } from './keys/signing-keys.module';
import { DatabaseLoginAttempts } from './login-throttle/database-login-attempts';
import { LoginAttemptEntity } from './login-throttle/login-attempt.entity';
import { LoginAttempts } from './login-throttle/login-attempts';
import { LoginThrottle } from './login-throttle/login-throttle.service';
import { RedisLoginAttempts } from './login-throttle/redis-login-attempts';
import { RefreshTokenEntity } from './refresh/refresh-token.entity';
import { TokenPurgeModule } from './retention/token-purge.module';
import { TokenPurgeSchedule } from './retention/token-purge.schedule';
import { RefreshTokenService } from './refresh/refresh-token.service';
import { AccessTokenDenylist } from './revocation/access-token-denylist';
import { DatabaseAccessTokenDenylist } from './revocation/database-access-token-denylist';
import { RedisAccessTokenDenylist } from './revocation/redis-access-token-denylist';
import { RevokedAccessTokenEntity } from './revocation/revoked-access-token.entity';
import { TokenRevocationService } from './revocation/token-revocation.service';
import { LocalStrategy } from './credentials/local.strategy';
import { PasswordCredentials } from './credentials/password-credentials.service';
import { ClientAuthenticationGuard } from './oauth/client-authentication.guard';
import { GRANT_PROVIDERS } from './token/grants/token-grants';
import { TokenIntrospectionService } from './token/token-introspection.service';
import { TokenController } from './token/token.controller';
import { TokenService } from './token/token.service';
import { TokenStateCheck } from './token/token-state.check';

/** The authorization server: issues tokens; TokenStateCheck completes the guard's token check. */
@Module({
  imports: [
    PassportModule,
    JwtModule.register({}),
    TypeOrmModule.forFeature([
      RefreshTokenEntity,
      AuthorizationCodeEntity,
      LoginAttemptEntity,
      RevokedAccessTokenEntity,
    ]),
    SigningKeysModule,
    TokenPurgeModule,
    UsersModule,
    ClientsModule,
  ],
  controllers: [TokenController, AuthorizeController, JwksController, MetadataController],
  providers: [
    TokenService,
    TokenPurgeSchedule,
    ...GRANT_PROVIDERS,
    AuthorizationCodeService,
    PageSigner,
    TokenIntrospectionService,
    TokenRevocationService,
    RefreshTokenService,
    TokenStateCheck,
    ClientAuthenticationGuard,
    PasswordCredentials,
    LoginThrottle,
    {
      provide: LoginAttempts,
      inject: [REDIS, getRepositoryToken(LoginAttemptEntity)],
      useFactory: (redis: Redis | null, attempts: Repository<LoginAttemptEntity>) =>
        redis ? new RedisLoginAttempts(redis) : new DatabaseLoginAttempts(attempts),
    },
    {
      provide: AccessTokenDenylist,
      inject: [REDIS, getRepositoryToken(RevokedAccessTokenEntity)],
      useFactory: (redis: Redis | null, revoked: Repository<RevokedAccessTokenEntity>) =>
        redis ? new RedisAccessTokenDenylist(redis) : new DatabaseAccessTokenDenylist(revoked),
    },
    LocalStrategy,
  ],
  exports: [TokenStateCheck],
})
export class AuthModule {}
