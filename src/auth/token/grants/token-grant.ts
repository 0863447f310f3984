import { OAuthClient } from '../../../clients/oauth-client';
import { TokenRequestDto } from '../../dto/token-request.dto';
import { TokenResponseDto } from '../../dto/token-response.dto';
import { AuditTrail } from '../../oauth/audit-trail';

/** One token request as every grant sees it: its form, its authenticated client, its audit. */
export interface GrantRequest {
  readonly params: TokenRequestDto;
  readonly client: OAuthClient;
  readonly audit: AuditTrail;
  /** The caller's address (as TRUST_PROXY resolves it), for the failed-login limit. */
  readonly address: string;
}

/** A grant type of the token endpoint: it checks its own parameters and makes its own answer. */
export interface TokenGrant {
  readonly type: string;
  issue(request: GrantRequest): Promise<TokenResponseDto>;
}
