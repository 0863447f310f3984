import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** RFC 6749 section 5.1. */
export class TokenResponseDto {
  @ApiProperty({ description: 'a signed JWT (RFC 9068)' })
  access_token: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type: 'Bearer';

  @ApiProperty({ example: 900, description: 'seconds' })
  expires_in: number;

  @ApiProperty({ example: 'items:read orders:read', description: 'the scopes granted' })
  scope: string;

  @ApiPropertyOptional({ description: 'opaque; rotates on every use (not for client_credentials)' })
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
    ],
  })
  error: string;

  @ApiProperty()
  error_description: string;
}

/** RFC 7662 section 2.2. */
export class IntrospectionDto {
  @ApiProperty()
  active: boolean;

  @ApiPropertyOptional({ example: 'items:read' })
  scope?: string;

  @ApiPropertyOptional()
  client_id?: string;

  @ApiPropertyOptional({ description: 'a user id, or the client id of a client token' })
  sub?: string;

  @ApiPropertyOptional({ enum: ['Bearer', 'refresh_token'] })
  token_type?: string;

  @ApiPropertyOptional()
  exp?: number;

  @ApiPropertyOptional()
  iat?: number;

  @ApiPropertyOptional()
  iss?: string;

  @ApiPropertyOptional()
  aud?: string;

  @ApiPropertyOptional()
  jti?: string;
}
