import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  Type,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ClientAuthenticator } from './client-authenticator.service';
import { parseForm } from './form';
import { attachOAuthRequest } from './oauth-request';

const FORM_KEY = 'scopegate:oauth-form';

/**
 * The client-authentication step of the token, revocation and introspection endpoints: the form,
 * validated as `form`, then the client (so `invalid_client` comes before any grant check). The
 * handler reads both with @CurrentOAuthRequest().
 */
export const AuthenticatesClient = (form: Type<object>) =>
  applyDecorators(SetMetadata(FORM_KEY, form), UseGuards(ClientAuthenticationGuard));

@Injectable()
export class ClientAuthenticationGuard implements CanActivate {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const form = this.reflector.get<Type<object>>(FORM_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const params = parseForm(request, form);
    const client = await this.clients.authenticate(request, params);
    attachOAuthRequest(request, { params, client });
    return true;
  }
}
