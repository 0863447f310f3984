import { ApiTimestampProperty, ApiUuidProperty } from '../../common/openapi/api-property';
import { ApiProperty } from '@nestjs/swagger';
import { ALL_SCOPES } from '../../common/authz/scope-implications';
import { Scope } from '../../common/authz/scope-table';
import { PageOf } from '../../common/pagination/page.dto';

export class ClientDto {
  @ApiUuidProperty()
  client_id: string;

  @ApiProperty({ maxLength: 100 })
  name: string;

  @ApiProperty({ enum: ALL_SCOPES, isArray: true, maxItems: ALL_SCOPES.length })
  scopes: Scope[];

  @ApiProperty({ description: 'public clients have no secret' })
  public: boolean;

  @ApiTimestampProperty()
  createdAt: Date;

  @ApiTimestampProperty()
  updatedAt: Date;
}

export class CreatedClientDto extends ClientDto {
  @ApiProperty({
    description: 'shown only in this response; store it now',
    pattern: '^[A-Za-z0-9_-]{43}$',
    maxLength: 43,
  })
  client_secret: string;
}

export const ClientPageDto = PageOf(ClientDto);
