import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  SCOPE_LIST,
  SCOPE_TOKEN_PATTERN,
  SIGNED_VALUE,
  VSCHAR,
} from '../../common/openapi/patterns';
import { USERNAME_PATTERN } from '../../users/dto/create-user.dto';

/**
 * The query of GET /auth/authorize (RFC 6749 section 4.1.1, RFC 7636 section 4.3). Every field is
 * checked by the authorization endpoint itself, which must tell errors it may redirect from errors
 * it must show (section 4.1.2.1).
 */
export class AuthorizeQueryDto {
  @ApiProperty({ enum: ['code'], pattern: '^code$', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  response_type?: string;

  @ApiProperty({ ...VSCHAR, maxLength: 128, example: 'scopegate-docs' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  client_id?: string;

  @ApiProperty({ format: 'uri', maxLength: 2048, description: 'exactly one of the client’s' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  redirect_uri?: string;

  @ApiPropertyOptional({ ...SCOPE_LIST, maxLength: 1024, example: 'items:read orders:read' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  scope?: string;

  @ApiPropertyOptional({ ...VSCHAR, maxLength: 512, description: 'returned unchanged' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  state?: string;

  @ApiProperty({
    pattern: '^[A-Za-z0-9_-]{43}$',
    maxLength: 43,
    description: 'BASE64URL(SHA-256(code_verifier))',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  code_challenge?: string;

  @ApiProperty({ enum: ['S256'], pattern: '^S256$', maxLength: 16 })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  code_challenge_method?: string;
}

/** What every form of the pages carries: the signed pending request and the CSRF token. */
export class PageFormDto {
  @ApiProperty({
    description: 'the signed pending authorization request',
    ...SIGNED_VALUE,
    maxLength: 4096,
  })
  @IsString()
  @MaxLength(4096)
  request: string;

  @ApiProperty({ description: 'bound to the sg_csrf cookie', ...SIGNED_VALUE, maxLength: 256 })
  @IsString()
  @MaxLength(256)
  csrf: string;
}

/** The sign-in form. Empty credentials are refused before they are counted or checked. */
export class SignInFormDto extends PageFormDto {
  @ApiProperty({ pattern: USERNAME_PATTERN.source, minLength: 1, maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ format: 'password', minLength: 1, maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

/** The consent form: the scopes left ticked, and the decision. */
export class ConsentFormDto extends PageFormDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', ...SCOPE_TOKEN_PATTERN, maxLength: 64 },
    maxItems: 13,
    description: 'each scope left ticked',
  })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  scope?: string | string[];

  @ApiProperty({ enum: ['approve', 'deny'] })
  @IsString()
  @MaxLength(16)
  decision: string;
}
