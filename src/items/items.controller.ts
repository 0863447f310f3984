import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../common/authz/scope-table';
import { IdParam } from '../common/validation/id';
import { ApiIdParam } from '../common/openapi/api-property';
import { ApiErrorResponse } from '../common/openapi/error-responses';
import { mapPage } from '../common/pagination/page.dto';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreateItemDto } from './dto/create-item.dto';
import { ItemDto, ItemPageDto } from './dto/item.dto';
import { UpdateItemDto } from './dto/update-item.dto';
import { ItemsService } from './items.service';

@ApiTags('items')
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @Scopes('items:read')
  @ApiOkResponse({ type: ItemPageDto })
  async list(@Query() page: PageQueryDto) {
    return mapPage(await this.items.list(page), (record) => ItemDto.from(record));
  }

  @Get(':id')
  @ApiIdParam()
  @Scopes('items:read')
  @ApiOkResponse({ type: ItemDto })
  @ApiErrorResponse(404, 'No such item', 'Item not found')
  async get(@IdParam() id: string): Promise<ItemDto> {
    return ItemDto.from(await this.items.findById(id));
  }

  @Post()
  @Scopes('items:write')
  @ApiCreatedResponse({ type: ItemDto })
  async create(@Body() dto: CreateItemDto): Promise<ItemDto> {
    return ItemDto.from(await this.items.create(dto));
  }

  @Patch(':id')
  @ApiIdParam()
  @Scopes('items:write')
  @ApiOkResponse({ type: ItemDto })
  @ApiErrorResponse(404, 'No such item', 'Item not found')
  async update(@IdParam() id: string, @Body() dto: UpdateItemDto): Promise<ItemDto> {
    return ItemDto.from(await this.items.update(id, dto));
  }

  @Delete(':id')
  @ApiIdParam()
  @Scopes('items:delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrorResponse(404, 'No such item', 'Item not found')
  async remove(@IdParam() id: string): Promise<void> {
    await this.items.remove(id);
  }
}
