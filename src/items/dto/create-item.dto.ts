import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { TEXT } from '../../common/openapi/patterns';

export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_STOCK = 1_000_000_000;

export class CreateItemDto {
  @ApiProperty({ ...TEXT, minLength: 1, maxLength: 200, example: 'Espresso cup' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, ...TEXT, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ minimum: 0, maximum: MAX_PRICE_CENTS, example: 1250, description: 'in cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  priceCents: number;

  @ApiProperty({ minimum: 0, maximum: MAX_STOCK, example: 10 })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock: number;
}
