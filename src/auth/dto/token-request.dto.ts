import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { B64TOKEN, CODE_VERIFIER, RANDOM_256, VSCHAR } from '../../common/openapi/patterns';
import { USERNAME_PATTERN } from '../../users/dto/create-user.dto';

/** RFC 6749 appendix A.4: scope tokens are printable ASCII but space, `"` and `\`. */
export const SCOPE_PARAMETER = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export const GRANT_TYPES = [
  'authorization_code',
  'password',
  'refresh_token',
  'client_credentials',
] as const;

/** Client authentication in the body, shared by the token, revocation and introspection endpoints. */
export class ClientCredentialsDto {
  @ApiPropertyOptional({
    description: 'client_secret_post, or a public client naming itself',
    ...VSCHAR,
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  client_id?: string;

  @ApiPropertyOptional({ description: 'client_secret_post', ...RANDOM_256, maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  client_secret?: string;
}

/** The form fields of POST /auth/token. Unknown fields are ignored (RFC 6749 section 3.2). */
export class TokenRequestDto extends ClientCredentialsDto {
  @ApiProperty({ enum: GRANT_TYPES, maxLength: 64 })
  @IsString()
  @MaxLength(64)
  grant_type: string;

  @ApiPropertyOptional({
    description: 'password grant',
    pattern: USERNAME_PATTERN.source,
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;

  @ApiPropertyOptional({ description: 'password grant', format: 'password', maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ description: 'authorization_code grant', ...RANDOM_256, maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  code?: string;

  @ApiPropertyOptional({ description: 'authorization_code grant', format: 'uri', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  redirect_uri?: string;

  @ApiPropertyOptional({
    description: 'authorization_code grant (PKCE)',
    ...CODE_VERIFIER,
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  code_verifier?: string;

  @ApiPropertyOptional({ description: 'refresh_token grant', ...RANDOM_256, maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  refresh_token?: string;

  @ApiPropertyOptional({
    description: 'space-separated scopes; omitted: everything the role (or client) allows',
    example: 'items:read orders:read',
    pattern: SCOPE_PARAMETER.source,
    maxLength: 1024,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  @Matches(SCOPE_PARAMETER, { message: 'scope must be space-separated scope names' })
  scope?: string;
}

/** The form fields of POST /auth/revoke (RFC 7009) and POST /auth/introspect (RFC 7662). */
export class TokenReferenceDto extends ClientCredentialsDto {
  @ApiProperty({
    description: 'an access token or a refresh token',
    ...B64TOKEN,
    maxLength: 4096,
  })
  @IsString()
  @MaxLength(4096)
  token: string;

  @ApiPropertyOptional({ enum: ['access_token', 'refresh_token'], maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  token_type_hint?: string;
}
