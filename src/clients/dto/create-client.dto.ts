import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ALL_SCOPES } from '../../common/authz/scope-table';
import { Scope } from '../../common/authz/scope-table';
import { IsRedirectUri } from '../redirect-uri';
import { TEXT } from '../../common/openapi/patterns';

export class CreateClientDto {
  @ApiProperty({ ...TEXT, minLength: 1, maxLength: 100, example: 'payments-worker' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    enum: ALL_SCOPES,
    isArray: true,
    minItems: 1,
    maxItems: ALL_SCOPES.length,
    example: ['payments:process'],
    description: 'the most its tokens may hold',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_SCOPES.length)
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true })
  scopes: Scope[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'uri', maxLength: 2048 },
    maxItems: 10,
    example: ['https://app.example.com/callback'],
    description:
      'for the authorization code flow: exact URIs, absolute http(s) URLs that WHATWG URL parsing accepts, without fragment',
  })
  // Optional, except that a public client only ever uses the code flow, so it needs somewhere to
  // send the code.
  @ValidateIf((dto: CreateClientDto) => dto.public === true || dto.redirectUris !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'redirectUris needs at least one URI (a public client needs one)' })
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { each: true },
  )
  @IsRedirectUri({ each: true })
  @MaxLength(2048, { each: true })
  redirectUris?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'a public client (browser app) gets no secret and must use PKCE',
  })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}
