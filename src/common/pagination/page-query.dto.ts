import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsAbsentWith } from '../validation/is-absent-with';

/** A cursor's characters: base64url, a dot, base64url. */
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';
export const CURSOR_MAX_LENGTH = 256;

/** The text of a boolean query parameter as a boolean; anything else is left for IsBoolean to refuse. */
const booleanText = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * `?limit=` with either `?offset=` or `?after=` (a cursor), and `?count=`. Query strings are text,
 * so numbers and booleans are converted; a repeated parameter arrives as a list and is refused.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1_000_000_000,
    default: 0,
    description: 'Records to skip; its cost grows with it. Not with `after`.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  @IsAbsentWith('after')
  offset?: number;

  @ApiPropertyOptional({
    type: String,
    pattern: CURSOR_PATTERN,
    maxLength: CURSOR_MAX_LENGTH,
    description: 'The `next` of the previous page: the page after it, at the cost of the first.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CURSOR_MAX_LENGTH)
  @Matches(new RegExp(CURSOR_PATTERN))
  after?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Whether the answer carries `total`, which costs a count of the whole list. ' +
      'Default: true without `after` (as before cursors), false with it.',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean()
  count?: boolean;
}
