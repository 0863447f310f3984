import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_DESCRIPTION, JWT, SCOPE_LIST, VSCHAR } from '../../common/openapi/patterns';

/** RFC 6749 section 5.1. */
export class TokenResponseDto {
  @ApiProperty({ description: 'a signed JWT (RFC 9068)', ...JWT, maxLength: 4096 })
  access_token: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type: 'Bearer';

  @ApiProperty({ example: 900, description: 'seconds' })
  expires_in: number;

  @ApiProperty({
    example: 'items:read orders:read',
    description: 'the scopes granted',
    ...SCOPE_LIST,
    maxLength: 1024,
  })
  scope: string;

  @ApiPropertyOptional({
    description: 'opaque; rotates on every use (not for client_credentials)',
    pattern: '^[A-Za-z0-9_-]{43}$',
    maxLength: 43,
  })
  refresh_token?: string;
}

/** RFC 6749 section 5.2. */
export class OAuthErrorDto {
  @ApiProperty({
    enum: [
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'invalid_scope',
      'unauthorized_client',
      'unsupported_grant_type',
      'temporarily_unavailable',
    ],
  })
  error: string;

  @ApiProperty({ ...ERROR_DESCRIPTION, maxLength: 256 })
  error_description: string;
}

/** RFC 7662 section 2.2. */
export class IntrospectionDto {
  @ApiProperty()
  active: boolean;

  @ApiPropertyOptional({ example: 'items:read', ...SCOPE_LIST, maxLength: 1024 })
  scope?: string;

  @ApiPropertyOptional({ ...VSCHAR, maxLength: 128 })
  client_id?: string;

  @ApiPropertyOptional({
    description: 'a user id, or the client id of a client token',
    ...VSCHAR,
    maxLength: 128,
  })
  sub?: string;

  @ApiPropertyOptional({ enum: ['Bearer', 'refresh_token'] })
  token_type?: string;

  @ApiPropertyOptional()
  exp?: number;

  @ApiPropertyOptional()
  iat?: number;

  @ApiPropertyOptional({ format: 'uri', maxLength: 2048 })
  iss?: string;

  @ApiPropertyOptional({ ...VSCHAR, maxLength: 256 })
  aud?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  jti?: string;
}
