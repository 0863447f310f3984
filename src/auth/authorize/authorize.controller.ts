import { Controller, Get, Header, Inject, Post, Req, Res, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExcludeEndpoint,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@scopegate/nest-scopes';
import { ROLE_SCOPES, SCOPE_TABLE } from '../../common/authz/scope-table';
import { CredentialEndpoint } from '../../common/throttling/credential-endpoint.decorator';
import { errorHeaders } from '../../common/errors/error-headers';
import { TooManyRequestsException } from '../../common/errors/too-many-requests.exception';
import { ClientsService } from '../../clients/clients.service';
import { OAuthClient } from '../../clients/oauth-client';
import { AppConfig, appConfig } from '../../config/app.config';
import { UserEntity } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { PasswordCredentials } from '../credentials/password-credentials.service';
import { offeredScopes } from '../token/scope-grant';
import { AuthorizationCodeService } from './authorization-code.service';
import {
  AuthorizationQuery,
  authorizationQuery,
  checkAuthorizationRequest,
  parseInput,
  PendingAuthorization,
  singleParameter,
} from './authorization-request';
import {
  AuthorizeQueryDto,
  ConsentFormDto,
  PageFormDto,
  SignInFormDto,
} from './authorize-request.dto';
import { AuthorizePages, PAGES_STYLESHEET } from './authorize-pages';
import { PageSigner } from './page-signer.service';
import { ApiPage, ApiPageError, ApiRedirect } from './authorize-docs';

const DESCRIPTIONS = new Map<string, string>(SCOPE_TABLE.map((s) => [s.name, s.description]));
const SIGN_IN_FAILED = 'The username or password is not correct.';

/**
 * The authorization endpoint (RFC 6749 section 4.1, RFC 7636, RFC 9700) with scopegate's own
 * sign-in and consent pages. Same throttling and enumeration rules as the token endpoint.
 */
@ApiTags('auth')
@Controller('auth/authorize')
@Public()
@CredentialEndpoint()
export class AuthorizeController {
  private readonly pages: AuthorizePages;

  constructor(
    private readonly clients: ClientsService,
    private readonly users: UsersService,
    private readonly codes: AuthorizationCodeService,
    private readonly credentials: PasswordCredentials,
    signer: PageSigner,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.pages = new AuthorizePages(signer, config.jwt.issuer);
  }

  @Get()
  @ApiOperation({
    summary: 'Authorization endpoint (RFC 6749 §4.1) with PKCE S256',
    description:
      'Shows scopegate’s sign-in page, then a consent page, then redirects to redirect_uri with ' +
      '`code`, `state` and `iss`. An unknown client or redirect URI is shown, never redirected to.',
  })
  @ApiQuery({ type: AuthorizeQueryDto })
  @ApiPage(200, 'The sign-in or the consent page')
  @ApiRedirect('To redirect_uri with an error (after the client and redirect URI are verified)')
  @ApiPageError(400, 'An unknown client or redirect URI, shown here', 'Bad Request')
  async authorize(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const query = request.query as AuthorizationQuery;
    const clientId = singleParameter(query, 'client_id');
    const client = clientId ? await this.clients.find(clientId) : null;
    const check = checkAuthorizationRequest(query, client);
    if (check.kind === 'refuse') return this.pages.refuse(reply, 400, check.message);
    if (check.kind === 'redirect-error') {
      const { redirectUri, state, error, description } = check;
      return this.pages.redirectToClient(reply, redirectUri, {
        error,
        error_description: description,
        state,
      });
    }
    const user = await this.signedInUser(request);
    if (!user) return this.pages.signIn(request, reply, 200, client!.name, check.request);
    return this.consentPage(request, reply, client!, user, check.request);
  }

  @Post('signin')
  @ApiOperation({
    summary: 'The sign-in form of the authorization pages',
    description:
      'Posted by the sign-in page, not by API clients: checks the username and password (counted ' +
      'by the failed-login limit) and the CSRF token, then returns the browser to the ' +
      'authorization endpoint.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: SignInFormDto })
  @ApiRedirect('Back to the authorization endpoint, signed in')
  @ApiPageError(
    400,
    'Wrong credentials (the sign-in page again), or an expired form',
    'Bad Request',
  )
  @ApiPage(403, 'The form’s CSRF token does not match this browser')
  @ApiPageError(429, 'Too many failed sign-ins, or requests', 'Too many requests', {
    'Retry-After': { $ref: '#/components/headers/Retry-After' },
  })
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const posted = await this.postedForm(request, reply, SignInFormDto);
    if (!posted) return reply;
    const { form, pending, client } = posted;
    let user: UserEntity | null;
    try {
      user = await this.credentials.check(form.username, form.password, request.ip);
    } catch (error) {
      if (!(error instanceof TooManyRequestsException)) throw error;
      reply.headers(errorHeaders(error));
      return this.pages.refuse(reply, 429, 'Too many failed sign-ins. Wait a while and try again.');
    }
    if (!user) {
      return this.pages.signIn(request, reply, 400, client.name, pending, {
        error: SIGN_IN_FAILED,
        username: form.username,
      });
    }
    this.pages.startSession(reply, user.id, user.tokenVersion);
    return reply.redirect(`/auth/authorize?${authorizationQuery(pending)}`, 303);
  }

  @Post('consent')
  @ApiOperation({
    summary: 'The consent form of the authorization pages',
    description:
      'Posted by the consent page, not by API clients: grants the scopes left ticked (only those ' +
      'the page offered) and redirects to the client with a code, or with access_denied.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: ConsentFormDto })
  @ApiPage(200, 'The sign-in page, when the sign-in has ended meanwhile')
  @ApiRedirect('To redirect_uri with `code` (or `error=access_denied`)')
  @ApiPageError(400, 'An expired or malformed form', 'Bad Request')
  @ApiPage(403, 'The form’s CSRF token does not match this browser')
  async consent(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const posted = await this.postedForm(request, reply, ConsentFormDto);
    if (!posted) return reply;
    const { form, pending, client } = posted;
    const user = await this.signedInUser(request);
    if (!user) return this.pages.signIn(request, reply, 200, client.name, pending);
    const { redirectUri, state } = pending;
    if (form.decision !== 'approve') {
      return this.pages.redirectToClient(reply, redirectUri, {
        error: 'access_denied',
        error_description: 'Denied',
        state,
      });
    }
    const ticked = new Set([form.scope ?? []].flat());
    const granted = this.offered(pending, client, user).filter((scope) => ticked.has(scope));
    if (granted.length === 0) {
      const description = 'No permission was granted';
      return this.pages.redirectToClient(reply, redirectUri, {
        error: 'access_denied',
        error_description: description,
        state,
      });
    }
    const code = await this.codes.issue({
      clientId: client.id,
      redirectUri,
      userId: user.id,
      tokenVersion: user.tokenVersion,
      scope: granted.join(' '),
      codeChallenge: pending.codeChallenge,
    });
    return this.pages.redirectToClient(reply, redirectUri, { code, state });
  }

  @Get('style.css')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  stylesheet(): string {
    return PAGES_STYLESHEET;
  }

  /**
   * A form posted by the pages: well-formed, carrying an unexpired signed request of a known client
   * and the CSRF token of this browser. Otherwise the refusal is rendered and nothing returned.
   */
  private async postedForm<T extends PageFormDto>(
    request: FastifyRequest,
    reply: FastifyReply,
    dto: Type<T>,
  ): Promise<{ form: T; pending: PendingAuthorization; client: OAuthClient } | undefined> {
    const form = parseInput(request.body, dto);
    const pending = this.pages.decodeRequest(form?.request);
    const client = pending && (await this.clients.find(pending.clientId));
    if (!form || !pending || !client) {
      await this.pages.refuse(reply, 400, 'This form has expired or is malformed.');
      return undefined;
    }
    if (!this.pages.csrfValid(request, form.csrf)) {
      await this.pages.refuse(reply, 403, 'This form has expired.');
      return undefined;
    }
    return { form, pending, client };
  }

  /** The user signed in to the pages, if still enabled and unchanged since. */
  private async signedInUser(request: FastifyRequest): Promise<UserEntity | undefined> {
    const session = this.pages.session(request);
    if (!session) return undefined;
    const user = await this.users.findById(session.userId).catch(() => undefined);
    return user && !user.disabled && user.tokenVersion === session.tokenVersion ? user : undefined;
  }

  /** The requested scopes that the user's role and the client both allow (RFC 6749 3.3). */
  private offered(pending: PendingAuthorization, client: OAuthClient, user: UserEntity) {
    return offeredScopes(pending.scopes, [ROLE_SCOPES[user.role], client.scopes]);
  }

  private consentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    client: OAuthClient,
    user: UserEntity,
    pending: PendingAuthorization,
  ) {
    const offered = this.offered(pending, client, user);
    if (offered.length === 0) {
      return this.pages.redirectToClient(reply, pending.redirectUri, {
        error: 'invalid_scope',
        error_description: 'None of the requested scopes can be granted to this user',
        state: pending.state,
      });
    }
    const scopes = offered.map((name) => ({ name, description: DESCRIPTIONS.get(name) }));
    return this.pages.consent(request, reply, client.name, user.username, scopes, pending);
  }
}
