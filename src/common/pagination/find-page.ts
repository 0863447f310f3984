import { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { Page } from './page.dto';
import { PageCursors, PagePosition } from './page-cursors';
import { PageQueryDto } from './page-query.dto';

type Listed = ObjectLiteral & { createdAt: Date; id: string };

export interface ListOf<T> {
  readonly cursors: PageCursors;
  /** Names the list in its cursors (and whose it is, for one user's records). */
  readonly name: string;
  readonly where?: FindOptionsWhere<T>;
}

/**
 * One page of records, oldest first (id breaks ties): after a cursor (keyset: read from the index
 * in the list's order, at the same cost however deep), or at an offset. One record more than the
 * page is read, to know whether a next page exists.
 */
export async function findPage<T extends Listed>(
  repository: Repository<T>,
  { limit, offset, after, count }: PageQueryDto,
  list: ListOf<T>,
): Promise<Page<T>> {
  const position = after === undefined ? undefined : list.cursors.decode(list.name, after);
  const query = repository.createQueryBuilder('row');
  if (list.where) query.where(list.where);
  const total = (count ?? position === undefined) ? await query.clone().getCount() : undefined;
  if (position) {
    // The first condition alone is a range of the index; the second drops the ties up to the cursor.
    query.andWhere('row.createdAt >= :createdAt AND (row.createdAt > :createdAt OR row.id > :id)', {
      ...position,
    });
  } else {
    query.offset(offset ?? 0);
  }
  const { entities, raw } = await query
    .addSelect('CAST(row.createdAt AS text)', 'row_created_text')
    .orderBy('row.createdAt', 'ASC')
    .addOrderBy('row.id', 'ASC')
    .limit(limit + 1)
    .getRawAndEntities<{ row_created_text: string }>();
  const data = entities.slice(0, limit);
  const last: PagePosition | undefined =
    entities.length > limit
      ? { createdAt: raw[limit - 1].row_created_text, id: data[limit - 1].id }
      : undefined;
  return {
    data,
    ...(total === undefined ? {} : { total }),
    limit,
    ...(position ? {} : { offset: offset ?? 0 }),
    next: last ? list.cursors.encode(list.name, last) : null,
  };
}
