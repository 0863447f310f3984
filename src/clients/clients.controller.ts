import { Body, Controller, Delete, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../common/authz/scope-table';
import { IdParam } from '../common/validation/id';
import { ApiIdParam } from '../common/openapi/api-property';
import { ApiErrorResponse } from '../common/openapi/error-responses';
import { mapPage } from '../common/pagination/page.dto';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ClientsService } from './clients.service';
import { ClientDto, ClientPageDto, CreatedClientDto } from './dto/client.dto';
import { CreateClientDto } from './dto/create-client.dto';

@ApiTags('clients')
@Controller('clients')
@Scopes('admin')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ type: CreatedClientDto, description: 'The secret is shown only here' })
  async create(@Body() dto: CreateClientDto): Promise<CreatedClientDto> {
    const { client, secret } = await this.clients.create(dto);
    return { ...ClientDto.from(client), ...(secret ? { client_secret: secret } : {}) };
  }

  @Get()
  @ApiOkResponse({ type: ClientPageDto })
  async list(@Query() page: PageQueryDto) {
    return mapPage(await this.clients.list(page), (record) => ClientDto.from(record));
  }

  @Delete(':id')
  @ApiIdParam()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Its tokens stop working at once' })
  @ApiErrorResponse(404, 'No such client', 'Client not found')
  async remove(@IdParam() id: string): Promise<void> {
    await this.clients.remove(id);
  }
}
