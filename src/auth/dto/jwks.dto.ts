import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class JwkDto {
  @ApiProperty({ enum: ['RSA', 'EC'] })
  kty?: string;

  @ApiProperty({ description: 'RFC 7638 thumbprint of the key' })
  kid: string;

  @ApiProperty({ enum: ['RS256', 'ES256'] })
  alg: string;

  @ApiProperty({ enum: ['sig'] })
  use: 'sig';

  @ApiPropertyOptional({ description: 'RSA modulus' })
  n?: string;

  @ApiPropertyOptional({ description: 'RSA exponent' })
  e?: string;

  @ApiPropertyOptional({ description: 'EC curve' })
  crv?: string;

  @ApiPropertyOptional({ description: 'EC x coordinate' })
  x?: string;

  @ApiPropertyOptional({ description: 'EC y coordinate' })
  y?: string;
}

export class JwksDto {
  @ApiProperty({ type: [JwkDto] })
  keys: JwkDto[];
}
