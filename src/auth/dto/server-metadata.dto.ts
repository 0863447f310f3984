import { ApiProperty } from '@nestjs/swagger';

/** RFC 8414 section 2. */
export class ServerMetadataDto {
  @ApiProperty({ example: 'http://localhost:3000' })
  issuer: string;

  @ApiProperty()
  token_endpoint: string;

  @ApiProperty()
  jwks_uri: string;

  @ApiProperty()
  revocation_endpoint: string;

  @ApiProperty()
  introspection_endpoint: string;

  @ApiProperty({ type: [String] })
  scopes_supported: string[];

  @ApiProperty({ type: [String] })
  response_types_supported: string[];

  @ApiProperty({ type: [String] })
  grant_types_supported: string[];

  @ApiProperty({ type: [String] })
  token_endpoint_auth_methods_supported: string[];

  @ApiProperty({ type: [String] })
  revocation_endpoint_auth_methods_supported: string[];

  @ApiProperty({ type: [String] })
  introspection_endpoint_auth_methods_supported: string[];
}
