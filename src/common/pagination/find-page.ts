import { FindManyOptions, ObjectLiteral, Repository } from 'typeorm';
import { Page } from './page.dto';
import { PageQueryDto } from './page-query.dto';

/** One page of records, oldest first (id breaks ties), with the total count. */
export async function findPage<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  repository: Repository<T>,
  { limit, offset }: PageQueryDto,
  options: Omit<FindManyOptions<T>, 'order' | 'take' | 'skip'> = {},
): Promise<Page<T>> {
  const [data, total] = await repository.findAndCount({
    ...options,
    order: { createdAt: 'ASC', id: 'ASC' } as FindManyOptions<T>['order'],
    take: limit,
    skip: offset,
  });
  return { data, total, limit, offset };
}
