import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ClientsService } from '../../clients/clients.service';
import { OAuthClient } from '../../clients/oauth-client';
import { OAuthError } from '../../common/errors/oauth-error';

/** Client credentials in the body (`client_secret_post`). */
export interface ClientCredentialFields {
  client_id?: string;
  client_secret?: string;
}

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
export class ClientAuthenticator {
  constructor(private readonly clients: ClientsService) {}

  async authenticate(
    request: FastifyRequest,
    fields: ClientCredentialFields,
  ): Promise<OAuthClient> {
    const basic = basicCredentials(request);
    if (basic && fields.client_secret !== undefined) {
      throw new OAuthError('invalid_request', 'Use one client authentication method, not two');
    }
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
