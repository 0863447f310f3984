import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_SCOPES } from '../../common/authz/scope-table';
import { Scope } from '../../common/authz/scope-table';
import { ApiTimestampProperty, ApiUuidProperty } from '../../common/openapi/api-property';
import { PageOf } from '../../common/pagination/page.dto';
import { ClientEntity } from '../client.entity';
import { TEXT } from '../../common/openapi/patterns';

export class ClientDto {
  @ApiUuidProperty()
  client_id: string;

  @ApiProperty({ ...TEXT, maxLength: 100 })
  name: string;

  @ApiProperty({ enum: ALL_SCOPES, isArray: true, maxItems: ALL_SCOPES.length })
  scopes: Scope[];

  @ApiProperty({ type: [String], maxItems: 10, format: 'uri', maxLength: 2048 })
  redirectUris: string[];

  @ApiProperty({ description: 'public clients have no secret' })
  public: boolean;

  @ApiTimestampProperty()
  createdAt: Date;

  @ApiTimestampProperty()
  updatedAt: Date;

  static from(client: ClientEntity): ClientDto {
    return {
      client_id: client.id,
      name: client.name,
      scopes: client.scope.split(' ') as Scope[],
      redirectUris: client.redirectUris,
      public: client.isPublic,
      createdAt: client.createdAt,
      updatedAt: client.updatedAt,
    };
  }
}

export class CreatedClientDto extends ClientDto {
  @ApiPropertyOptional({
    description: 'confidential clients only; shown only in this response: store it now',
    pattern: '^[A-Za-z0-9_-]{43}$',
    maxLength: 43,
  })
  client_secret?: string;
}

export const ClientPageDto = PageOf(ClientDto);
