import { ApiTimestampProperty, ApiUuidProperty } from '../../common/openapi/api-property';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination/page.dto';
import { ItemEntity } from '../item.entity';
import { TEXT } from '../../common/openapi/patterns';

export class ItemDto {
  @ApiUuidProperty()
  id: string;

  @ApiProperty({ ...TEXT, maxLength: 200 })
  name: string;

  @ApiProperty({ type: String, nullable: true, ...TEXT, maxLength: 2000 })
  description: string | null;

  @ApiProperty({ minimum: 0, description: 'in cents' })
  priceCents: number;

  @ApiProperty({ minimum: 0 })
  stock: number;

  @ApiTimestampProperty()
  createdAt: Date;

  @ApiTimestampProperty()
  updatedAt: Date;

  static from(item: ItemEntity): ItemDto {
    const { id, name, description, priceCents, stock, createdAt, updatedAt } = item;
    return { id, name, description, priceCents, stock, createdAt, updatedAt };
  }
}

export const ItemPageDto = PageOf(ItemDto);
