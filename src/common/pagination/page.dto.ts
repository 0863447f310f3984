import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export interface Page<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
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

    @ApiProperty({ minimum: 0, example: 1 })
    total: number;

    @ApiProperty({ minimum: 1, maximum: 100, example: 20 })
    limit: number;

    @ApiProperty({ minimum: 0, example: 0 })
    offset: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  return PageDto;
}
