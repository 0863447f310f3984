import { JwtService } from '@nestjs/jwt';
import { verify } from 'jsonwebtoken';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadSigningKeys } from '../../src/auth/keys/signing-keys';
import { AuditTrail } from '../../src/auth/oauth/audit-trail';
import { ClientCredentialsGrant } from '../../src/auth/token/grants/client-credentials.grant';
import { TokenService } from '../../src/auth/token/token.service';
import { TokenRequestDto } from '../../src/auth/dto/token-request.dto';
import { OAuthClient } from '../../src/clients/oauth-client';
import { loadAppConfig } from '../../src/config/app.config';

/** A grant on its own: the real token service and keys, no app, no database. */
describe('the client_credentials grant', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopegate-grant-'));
  const config = loadAppConfig({ DATA_DIR: dataDir });
  const keys = loadSigningKeys(config.jwt, dataDir);
  const grant = new ClientCredentialsGrant(new TokenService(new JwtService(), keys, config));
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const audit = new AuditTrail(pino(sink));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const service: OAuthClient = {
    id: '0b6f6c2e-3c1e-4a53-9d0a-5d1f2a4a8e11',
    name: 'inventory sync',
    scopes: ['items:read', 'orders:read'],
    isPublic: false,
    redirectUris: [],
  };
  const form = (scope?: string) => Object.assign(new TokenRequestDto(), { scope });
  const refusal = async (call: Promise<unknown>) => {
    const error = (await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    )) as { getStatus(): number; getResponse(): unknown };
    return { status: error.getStatus(), body: error.getResponse() };
  };

  it('issues a token for the client itself, within its scopes, without a refresh token', async () => {
    const answer = await grant.issue({
      params: form('items:read'),
      client: service,
      audit,
      address: '192.0.2.1',
    });
    expect(answer).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: config.jwt.accessTokenTtl,
      scope: 'items:read',
    });
    const claims = verify(answer.access_token, keys.current.verificationKey, {
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
    }) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: service.id, client_id: service.id, scope: 'items:read' });
    expect(claims).not.toHaveProperty('ver');
    expect(lines.at(-1)).toMatchObject({
      audit: 'token.issued',
      grant: 'client_credentials',
      clientId: service.id,
      scope: 'items:read',
    });
  });

  it('gives the client’s own scopes when none is asked for', async () => {
    const answer = await grant.issue({ params: form(), client: service, audit, address: '::1' });
    expect(answer.scope.split(' ').sort()).toEqual(['items:read', 'orders:read']);
  });

  it('refuses a scope beyond the client’s with invalid_scope', async () => {
    const params = form('users:delete');
    expect(await refusal(grant.issue({ params, client: service, audit, address: '::1' }))).toEqual({
      status: 400,
      body: { error: 'invalid_scope', error_description: expect.any(String) },
    });
  });

  it('refuses a public client with unauthorized_client', async () => {
    const publicClient = { ...service, isPublic: true };
    const call = grant.issue({ params: form(), client: publicClient, audit, address: '::1' });
    expect(await refusal(call)).toEqual({
      status: 400,
      body: {
        error: 'unauthorized_client',
        error_description: 'Public clients cannot use client_credentials',
      },
    });
  });
});
