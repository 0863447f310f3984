import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
  Type,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { OAuthError } from '../../common/errors/oauth-error';
import { ClientsService } from '../../clients/clients.service';
import { OAuthClient } from '../../clients/oauth-client';
import { ClientCredentialsDto } from '../dto/token-request.dto';
import { parseForm } from './form';

/** What the client-authentication step learned: the validated form and the calling client. */
export interface OAuthRequest<Params extends ClientCredentialsDto> {
  readonly params: Params;
  readonly client: OAuthClient;
}

const FORM_KEY = 'scopegate:oauth-form';
const OAUTH_REQUEST = Symbol('scopegate.oauthRequest');
type CarryingRequest = FastifyRequest & { [OAUTH_REQUEST]?: OAuthRequest<ClientCredentialsDto> };

/**
 * The client-authentication step of the token, revocation and introspection endpoints: the form,
 * validated as `form`, then the client (so `invalid_client` comes before any grant check). The
 * handler reads both with @CurrentOAuthRequest().
 */
export const AuthenticatesClient = (form: Type<ClientCredentialsDto>) =>
  applyDecorators(SetMetadata(FORM_KEY, form), UseGuards(ClientAuthenticationGuard));

/** What ClientAuthenticationGuard put on the request: the one typed way to read it. */
export const CurrentOAuthRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => {
    const request = context.switchToHttp().getRequest<CarryingRequest>();
    const found = request[OAUTH_REQUEST];
    if (!found) throw new Error('This route does not authenticate its client');
    return found;
  },
);

const invalidClient = () => new OAuthError('invalid_client', 'Client authentication failed');

/** `Authorization: Basic` (RFC 6749 section 2.3.1: both parts form-encoded), or undefined. */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (!header || !/^basic\s/i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient();
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    throw invalidClient();
  }
}

/**
 * Who is calling an OAuth endpoint. No credentials, or the empty Basic credentials Swagger UI
 * sends (`Og==`), mean the built-in public client; a public client's id with an empty secret names
 * that client; anything else must be a registered client with its secret.
 */
@Injectable()
export class ClientAuthenticationGuard implements CanActivate {
  constructor(
    private readonly clients: ClientsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const form = this.reflector.get<Type<ClientCredentialsDto>>(FORM_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<CarryingRequest>();
    const params = parseForm(request, form);
    request[OAUTH_REQUEST] = { params, client: await this.authenticate(request, params) };
    return true;
  }

  private async authenticate(
    request: FastifyRequest,
    fields: ClientCredentialsDto,
  ): Promise<OAuthClient> {
    const basic = basicCredentials(request);
    if (basic && fields.client_secret !== undefined) {
      throw new OAuthError('invalid_request', 'Use one client authentication method, not two');
    }
    // A secret in Basic belongs to Basic's id: never to a client_id in the body (two methods).
    if (basic && basic.id === '' && basic.secret !== '') throw invalidClient();
    if (basic?.id && fields.client_id !== undefined && fields.client_id !== basic.id) {
      throw new OAuthError('invalid_request', 'client_id differs from the authenticated client');
    }
    const id = basic?.id || fields.client_id || '';
    const secret = basic ? basic.secret : (fields.client_secret ?? '');
    if (id === '') {
      if (secret !== '') throw invalidClient();
      return this.clients.defaultClient;
    }
    if (secret === '') {
      const client = await this.clients.find(id);
      if (client?.isPublic) return client;
      throw invalidClient();
    }
    const client = await this.clients.authenticate(id, secret);
    if (!client) throw invalidClient();
    return client;
  }
}
