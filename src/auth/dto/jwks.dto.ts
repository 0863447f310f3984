import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const BASE64URL = { pattern: '^[A-Za-z0-9_-]+$', maxLength: 1024 };

export class JwkDto {
  @ApiProperty({ enum: ['RSA', 'EC'] })
  kty?: string;

  @ApiProperty({
    description: 'RFC 7638 thumbprint of the key',
    pattern: '^[A-Za-z0-9_-]{43}$',
    maxLength: 43,
  })
  kid: string;

  @ApiProperty({ enum: ['RS256', 'ES256'] })
  alg: string;

  @ApiProperty({ enum: ['sig'] })
  use: 'sig';

  @ApiPropertyOptional({ description: 'RSA modulus', ...BASE64URL })
  n?: string;

  @ApiPropertyOptional({ description: 'RSA exponent', ...BASE64URL })
  e?: string;

  @ApiPropertyOptional({ enum: ['P-256'] })
  crv?: string;

  @ApiPropertyOptional({ description: 'EC x coordinate', ...BASE64URL })
  x?: string;

  @ApiPropertyOptional({ description: 'EC y coordinate', ...BASE64URL })
  y?: string;
}

export class JwksDto {
  @ApiProperty({ type: [JwkDto], maxItems: 16 })
  keys: JwkDto[];
}
