import { ApiProperty } from '@nestjs/swagger';
import { ALL_SCOPES } from '../../common/authz/scope-implications';
import { Scope } from '../../common/authz/scope-table';
import { PageOf } from '../../common/pagination/page.dto';

export class ClientDto {
  @ApiProperty({ format: 'uuid' })
  client_id: string;

  @ApiProperty({ maxLength: 100 })
  name: string;

  @ApiProperty({ enum: ALL_SCOPES, isArray: true })
  scopes: Scope[];

  @ApiProperty({ description: 'public clients have no secret' })
  public: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class CreatedClientDto extends ClientDto {
  @ApiProperty({ description: 'shown only in this response; store it now' })
  client_secret: string;
}

export const ClientPageDto = PageOf(ClientDto);
