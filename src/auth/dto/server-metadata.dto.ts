import { ApiProperty } from '@nestjs/swagger';
import { ALL_SCOPES } from '../../common/authz/scope-table';

const url = (example: string) => ({ format: 'uri', maxLength: 2048, example });
const list = (values: readonly string[]) => ({
  enum: values,
  isArray: true,
  maxItems: values.length,
});

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];

/** RFC 8414 section 2. */
export class ServerMetadataDto {
  @ApiProperty(url('http://localhost:3000'))
  issuer: string;

  @ApiProperty(url('http://localhost:3000/auth/authorize'))
  authorization_endpoint: string;

  @ApiProperty(url('http://localhost:3000/auth/token'))
  token_endpoint: string;

  @ApiProperty(url('http://localhost:3000/.well-known/jwks.json'))
  jwks_uri: string;

  @ApiProperty(url('http://localhost:3000/auth/revoke'))
  revocation_endpoint: string;

  @ApiProperty(url('http://localhost:3000/auth/introspect'))
  introspection_endpoint: string;

  @ApiProperty(list(ALL_SCOPES))
  scopes_supported: string[];

  @ApiProperty(list(['code']))
  response_types_supported: string[];

  @ApiProperty(list(['query']))
  response_modes_supported: string[];

  @ApiProperty(list(['S256']))
  code_challenge_methods_supported: string[];

  @ApiProperty(list(['authorization_code', 'password', 'refresh_token', 'client_credentials']))
  grant_types_supported: string[];

  @ApiProperty({ description: 'RFC 9207: authorization responses carry `iss`' })
  authorization_response_iss_parameter_supported: boolean;

  @ApiProperty(list(AUTH_METHODS))
  token_endpoint_auth_methods_supported: string[];

  @ApiProperty(list(AUTH_METHODS))
  revocation_endpoint_auth_methods_supported: string[];

  @ApiProperty(list(AUTH_METHODS))
  introspection_endpoint_auth_methods_supported: string[];
}
