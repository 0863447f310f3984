import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@scopegate/nest-scopes';
import { JwksDto } from '../dto/jwks.dto';
import { SigningKeys } from '../keys/signing-keys';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'The public keys that verify access tokens (RFC 7517)',
    description:
      'The current signing key and any earlier ones still accepted (JWT_PREVIOUS_PUBLIC_KEYS), ' +
      'chosen by `kid`. Public, as resource servers fetch it before they hold any token.',
  })
  @ApiOkResponse({ type: JwksDto })
  jwks(): JwksDto {
    return this.keys.jwks();
  }
}
