import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { OAuthClient } from '../../clients/oauth-client';
import { AppConfig, appConfig } from '../../config/app.config';
import { UserEntity } from '../../users/user.entity';
import { TokenRequestDto } from '../dto/token-request.dto';
import { ClientAuthenticator } from '../oauth/client-authenticator.service';
import { parseForm } from '../oauth/form';
import { LoginThrottle } from '../login-throttle/login-throttle.service';
import { invalidGrant, OAuthError } from '../../common/errors/oauth-error';
import { PASSWORD_STRATEGY } from '../strategies/local.strategy';

/** A validated token request: its parameters and the client it comes from. */
export interface TokenRequest {
  readonly params: TokenRequestDto;
  readonly client: OAuthClient;
  /** The password grant's user, once passport-local has verified the credentials. */
  readonly user?: UserEntity;
}

/** All of the request that passport-local gets to read. */
interface CredentialsView {
  readonly body: { readonly username?: string; readonly password?: string };
  readonly query: Record<string, never>;
}

const tokenRequests = new WeakMap<FastifyRequest, TokenRequest>();

const requestOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>();

/** First on the token endpoint: the parameters, then the client (invalid_client before the grant). */
@Injectable()
export class TokenRequestGuard implements CanActivate {
  constructor(private readonly clients: ClientAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const params = parseForm(request, TokenRequestDto);
    const client = await this.clients.authenticate(request, params);
    tokenRequests.set(request, { params, client });
    return true;
  }
}

export const CurrentTokenRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TokenRequest =>
    tokenRequests.get(requestOf(context))!,
);

/**
 * For the password grant, runs the passport-local strategy. Every failure speaks RFC 6749 section
 * 5.2, never Nest's bare 401.
 */
@Injectable()
export class PasswordGrantGuard extends AuthGuard(PASSWORD_STRATEGY) {
  constructor(
    private readonly loginThrottle: LoginThrottle,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const { params, client } = tokenRequests.get(request)!;
    if (params.grant_type !== 'password') return true;
    if (!this.config.passwordGrant) {
      throw new OAuthError('unsupported_grant_type', 'The password grant is switched off');
    }
    if (!client.isPublic) {
      throw new OAuthError('unauthorized_client', 'The password grant is for public clients');
    }
    if (params.username === undefined || params.password === undefined) {
      throw new OAuthError('invalid_request', 'The password grant needs username and password');
    }
    await this.loginThrottle.countAttempt(params.username, request.ip);
    return (await super.canActivate(context)) as boolean;
  }

  /**
   * passport-local sees only the validated form's username and password, the ones the login limit
   * counted: given the request, it would read the query string for an empty body field.
   */
  override getRequest(context: ExecutionContext): CredentialsView {
    const { params } = tokenRequests.get(requestOf(context))!;
    return { body: { username: params.username, password: params.password }, query: {} };
  }

  /** May return a promise: @nestjs/passport resolves with whatever this returns. */
  override handleRequest<TUser>(
    error: unknown,
    user: UserEntity | null | false,
    _info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (error instanceof Error) throw error;
    if (!user) throw invalidGrant();
    const request = requestOf(context);
    const tokenRequest = tokenRequests.get(request)!;
    tokenRequests.set(request, { ...tokenRequest, user });
    return this.loginThrottle
      .succeeded(tokenRequest.params.username!, request.ip)
      .then(() => user) as TUser;
  }
}
