import { ApiUuidProperty } from '../../common/openapi/api-property';
import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../common/validation/id';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class CreateOrderLineDto {
  @ApiUuidProperty()
  @IsId()
  itemId: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity: number;
}

export class CreateOrderDto {
  @ApiProperty({ type: [CreateOrderLineDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique((line: CreateOrderLineDto) => line?.itemId, {
    message: 'lines must name each item once',
  })
  @ValidateNested({ each: true })
  @Type(() => CreateOrderLineDto)
  lines: CreateOrderLineDto[];
}
