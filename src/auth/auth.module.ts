import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module';
import { JwksController } from './keys/jwks.controller';
import { SigningKeysModule } from './keys/signing-keys.module';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { TokenController } from './token/token.controller';
import { TokenService } from './token/token.service';

/** The authorization server: issues tokens, and registers the `jwt` strategy that checks them. */
@Module({
  imports: [PassportModule, JwtModule.register({}), SigningKeysModule, UsersModule],
  controllers: [TokenController, JwksController],
  providers: [TokenService, LocalStrategy, JwtStrategy],
})
export class AuthModule {}
