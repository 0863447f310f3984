import { TokenResponseDto } from '../../dto/token-response.dto';
import { IssuedAccessToken } from '../token.service';

/** RFC 6749 section 5.1: the access token, and the refresh token when the grant gives one. */
export const tokenAnswer = (
  access: IssuedAccessToken,
  refreshToken?: string,
): TokenResponseDto => ({
  access_token: access.accessToken,
  token_type: 'Bearer',
  expires_in: access.expiresIn,
  scope: access.scope,
  ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
});
