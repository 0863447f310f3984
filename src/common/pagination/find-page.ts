import { ObjectLiteral } from 'typeorm';
import { Page } from './page.dto';
import { PageCursors, PagePosition } from './page-cursors';
import { PageQueryDto } from './page-query.dto';
import { Equalities, PageReads } from './page-reads';

type Listed = ObjectLiteral & { createdAt: Date; id: string };

export interface ListOf<T> {
  readonly cursors: PageCursors;
  /** Names the list in its cursors (and whose it is, for one user's records). */
  readonly name: string;
  readonly where?: Equalities<T>;
}

/**
 * One page of records, oldest first (id breaks ties): after a cursor (keyset: read from the index
 * in the list's order, at the same cost however deep), or at an offset. One record more than the
 * page is read, to know whether a next page exists.
 */
export async function findPage<T extends Listed>(
  reads: PageReads<T>,
  { limit, offset, after, count }: PageQueryDto,
  list: ListOf<T>,
): Promise<Page<T>> {
  const position = after === undefined ? undefined : list.cursors.decode(list.name, after);
  const where = list.where ?? {};
  const total = (count ?? position === undefined) ? await reads.count(where) : undefined;
  const { records, createdTexts } = await reads.page(where, position, limit + 1, offset ?? 0);
  const data = records.slice(0, limit);
  const last: PagePosition | undefined =
    records.length > limit
      ? { createdAt: createdTexts[limit - 1], id: data[limit - 1].id }
      : undefined;
  return {
    data,
    ...(total === undefined ? {} : { total }),
    limit,
    ...(position ? {} : { offset: offset ?? 0 }),
    next: last ? list.cursors.encode(list.name, last) : null,
  };
}
