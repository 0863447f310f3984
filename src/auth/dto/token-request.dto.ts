import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** RFC 6749 appendix A.4: scope tokens are printable ASCII but space, `"` and `\`. */
export const SCOPE_PARAMETER = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export const GRANT_TYPES = ['password'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** The form fields of POST /auth/token. Unknown fields are ignored (RFC 6749 section 3.2). */
export class TokenRequestDto {
  @ApiProperty({ enum: GRANT_TYPES, maxLength: 64 })
  @IsString()
  @MaxLength(64)
  grant_type: string;

  @ApiPropertyOptional({ description: 'password grant', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;

  @ApiPropertyOptional({ description: 'password grant', format: 'password', maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({
    description: 'space-separated scopes; omitted: everything the role allows',
    example: 'items:read orders:read',
    maxLength: 1024,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  @Matches(SCOPE_PARAMETER, { message: 'scope must be space-separated scope names' })
  scope?: string;

  @ApiPropertyOptional({ description: 'the public client may name itself', maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  client_id?: string;
}

export const isGrantType = (value: string): value is GrantType =>
  (GRANT_TYPES as readonly string[]).includes(value);
