import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalButNotNull } from '../../common/validation/is-optional-but-not-null';
import { MAX_PRICE_CENTS, MAX_STOCK } from './create-item.dto';
import { TEXT } from '../../common/openapi/patterns';

export class UpdateItemDto {
  @ApiPropertyOptional({ ...TEXT, minLength: 1, maxLength: 200 })
  @IsOptionalButNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, ...TEXT, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_CENTS })
  @IsOptionalButNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  priceCents?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_STOCK })
  @IsOptionalButNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock?: number;
}
