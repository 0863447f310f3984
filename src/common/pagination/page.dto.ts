import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CURSOR_MAX_LENGTH, CURSOR_PATTERN } from './page-query.dto';

export interface Page<T> {
  data: T[];
  /** Present when asked for (`count`), as it costs a count of the whole list. */
  total?: number;
  limit: number;
  /** Present on offset pages; a cursor page has none. */
  offset?: number;
  /** The cursor of the page after this one; null on the last page. */
  next: string | null;
}

/** The same page, each record turned into what the API shows. */
export function mapPage<T, U>(page: Page<T>, toDto: (record: T) => U): Page<U> {
  return { ...page, data: page.data.map(toDto) };
}

/** A named OpenAPI schema for a page of `item`, e.g. `ItemPage`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item], maxItems: 100 })
    data: T[];

    @ApiPropertyOptional({
      minimum: 0,
      example: 1,
      description: 'Every record of the list; present unless `count=false`, or `after` alone',
    })
    total?: number;

    @ApiProperty({ minimum: 1, maximum: 100, example: 20 })
    limit: number;

    @ApiPropertyOptional({ minimum: 0, example: 0, description: 'Present unless `after` was used' })
    offset?: number;

    @ApiProperty({
      type: String,
      nullable: true,
      pattern: CURSOR_PATTERN,
      maxLength: CURSOR_MAX_LENGTH,
      description: 'Pass as `after` for the next page; null on the last page',
    })
    next: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  return PageDto;
}
