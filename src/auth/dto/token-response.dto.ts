import { ApiProperty } from '@nestjs/swagger';

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
}

/** RFC 6749 section 5.2. */
export class OAuthErrorDto {
  @ApiProperty({
    enum: [
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'invalid_scope',
      'unsupported_grant_type',
    ],
  })
  error: string;

  @ApiProperty()
  error_description: string;
}
