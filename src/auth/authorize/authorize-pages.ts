import '@fastify/cookie';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientRedirect, PendingAuthorization } from './authorization-request';
import { PageSigner } from './page-signer.service';
import { nowSeconds } from '../../common/time';

export const VIEWS_DIRECTORY = join(__dirname, 'views');
export const PAGES_STYLESHEET = readFileSync(join(VIEWS_DIRECTORY, 'style.css'), 'utf8');

const CSRF_COOKIE = 'sg_csrf';
const SESSION_COOKIE = 'sg_session';
const COOKIE_PATH = '/auth/authorize';
/** The sign-in session: long enough for a second authorization in the same browser, no longer. */
export const SESSION_LIFETIME_SECONDS = 15 * 60;

const isLoopback = (url: string) =>
  ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

/**
 * The browser side of the authorization pages: their headers, the CSRF double-submit token and the
 * signed sign-in session cookie (HttpOnly, SameSite, Secure outside localhost).
 */
export class AuthorizePages {
  private readonly secureCookies: boolean;

  constructor(
    private readonly signer: PageSigner,
    private readonly issuer: string,
  ) {
    this.secureCookies = !isLoopback(issuer);
  }

  /** Renders a page; `formTarget`: the origin a form on it may end up at (the client's). */
  async render(
    reply: FastifyReply,
    status: number,
    view: 'signin' | 'consent' | 'error',
    data: Record<string, unknown>,
    formTarget?: string,
  ): Promise<FastifyReply> {
    const formAction = ["'self'", ...(formTarget ? [new URL(formTarget).origin] : [])].join(' ');
    return reply
      .status(status)
      .header('Cache-Control', 'no-store')
      .header(
        'Content-Security-Policy',
        `default-src 'none'; style-src 'self'; img-src 'self'; form-action ${formAction}; ` +
          "frame-ancestors 'none'; base-uri 'none'",
      )
      .view(`${view}.hbs`, data);
  }

  signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    clientName: string,
    pending: PendingAuthorization,
    extra: { error?: string; username?: string } = {},
  ): Promise<FastifyReply> {
    return this.render(reply, status, 'signin', {
      title: 'Sign in',
      clientName,
      request: this.encodeRequest(pending),
      csrf: this.csrfToken(request, reply),
      ...extra,
    });
  }

  /** The consent page; its form may end up at the client (a redirect with the answer). */
  consent(
    request: FastifyRequest,
    reply: FastifyReply,
    clientName: string,
    username: string,
    scopes: { name: string; description?: string }[],
    pending: PendingAuthorization,
  ): Promise<FastifyReply> {
    const data = {
      title: 'Allow access?',
      clientName,
      username,
      scopes,
      request: this.encodeRequest(pending),
      csrf: this.csrfToken(request, reply),
    };
    return this.render(reply, 200, 'consent', data, pending.redirectUri);
  }

  refuse(reply: FastifyReply, status: number, message: string): Promise<FastifyReply> {
    return this.render(reply, status, 'error', { title: 'This request cannot continue', message });
  }

  /** The answer to the client: `code` or `error`, with `state` and `iss` (RFC 9207). */
  redirectToClient(
    reply: FastifyReply,
    redirectUri: string,
    fields: Record<string, string | undefined>,
  ): FastifyReply {
    return reply
      .header('Cache-Control', 'no-store')
      .redirect(clientRedirect(redirectUri, this.issuer, fields), 303);
  }

  /** The CSRF token for a form: bound to a random cookie that a cross-site page cannot read. */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    let nonce = request.cookies[CSRF_COOKIE];
    if (!nonce || nonce.length !== 43) {
      nonce = this.signer.nonce();
      reply.setCookie(CSRF_COOKIE, nonce, this.cookie('strict'));
    }
    return this.signer.sign('csrf', nonce);
  }

  csrfValid(request: FastifyRequest, token: string): boolean {
    const nonce = request.cookies[CSRF_COOKIE];
    return !!nonce && this.signer.verify('csrf', token) === nonce;
  }

  startSession(reply: FastifyReply, userId: string, tokenVersion: number): void {
    const expiresAt = nowSeconds() + SESSION_LIFETIME_SECONDS;
    reply.setCookie(
      SESSION_COOKIE,
      this.signer.sign('session', `${userId}:${tokenVersion}:${expiresAt}`),
      {
        ...this.cookie('lax'),
        maxAge: SESSION_LIFETIME_SECONDS,
      },
    );
  }

  /** The signed-in user's id and token version, if the session is valid and unexpired. */
  session(request: FastifyRequest): { userId: string; tokenVersion: number } | undefined {
    const value = this.signer.verify('session', request.cookies[SESSION_COOKIE]);
    const [userId, tokenVersion, expiresAt] = value?.split(':') ?? [];
    if (!userId || Number(expiresAt) <= nowSeconds()) return undefined;
    return { userId, tokenVersion: Number(tokenVersion) };
  }

  /** The pending request, signed, for the forms to carry from page to page. */
  encodeRequest(request: PendingAuthorization): string {
    return this.signer.sign('request', Buffer.from(JSON.stringify(request)).toString('base64url'));
  }

  decodeRequest(signed: string | undefined): PendingAuthorization | undefined {
    const encoded = this.signer.verify('request', signed);
    if (!encoded) return undefined;
    const request = JSON.parse(
      Buffer.from(encoded, 'base64url').toString(),
    ) as PendingAuthorization;
    return request.expiresAt > nowSeconds() ? request : undefined;
  }

  private cookie(sameSite: 'lax' | 'strict') {
    return { path: COOKIE_PATH, httpOnly: true, sameSite, secure: this.secureCookies };
  }
}
