import { BadRequestException } from '@nestjs/common';
import { PageQueryDto } from '../../src/common/pagination/page-query.dto';
import { AppValidationPipe } from '../../src/common/validation/app-validation.pipe';
import {
  MAX_VALIDATED_QUERIES,
  ValidatedQueries,
} from '../../src/common/validation/validated-queries';

const asQuery = { type: 'query', metatype: PageQueryDto } as const;

describe('validated queries (the global pipe keeps what passed)', () => {
  it('gives each caller its own instance of the DTO, the same values every time', async () => {
    const pipe = new AppValidationPipe();
    const first = (await pipe.transform({ limit: '5' }, asQuery)) as PageQueryDto;
    first.limit = 99;
    const second = (await pipe.transform({ limit: '5' }, asQuery)) as PageQueryDto;
    const third = (await pipe.transform({ limit: '5' }, asQuery)) as PageQueryDto;
    expect(second).toBeInstanceOf(PageQueryDto);
    expect(second).toEqual({ limit: 5 });
    expect(third).not.toBe(second);
    third.limit = 7;
    expect(await pipe.transform({ limit: '5' }, asQuery)).toEqual({ limit: 5 });
  });

  it('refuses a bad query every time, also after a good one that shares its fields', async () => {
    const pipe = new AppValidationPipe();
    await pipe.transform({ limit: '5', offset: '1' }, asQuery);
    for (const bad of [
      { limit: '5', offset: '-1' },
      { limit: ['5', '5'] },
      { limit: '5', offset: '1', after: 'a.b' },
      { limit: '5', extra: '1' },
      { limit: '5\u0000' },
    ]) {
      for (let i = 0; i < 2; i++) {
        await expect(pipe.transform(bad, asQuery)).rejects.toBeInstanceOf(BadRequestException);
      }
    }
  });

  it('keeps a bounded number of queries, forgetting the least recently used first', () => {
    const queries = new ValidatedQueries();
    const keys = Array.from({ length: MAX_VALIDATED_QUERIES + 1 }, (_, i) =>
      queries.keyOf({ offset: String(i) }),
    ) as string[];
    keys.forEach((key, i) => queries.set(PageQueryDto, key, { limit: 20, offset: i }));
    expect(queries.get(PageQueryDto, keys[0])).toBeUndefined();
    expect(queries.get(PageQueryDto, keys[1])).toEqual({ limit: 20, offset: 1 });
  });

  it('keys a query alike whatever the order of its parameters', () => {
    const queries = new ValidatedQueries();
    expect(queries.keyOf({ limit: '5', offset: '1' })).toBe(
      queries.keyOf({ offset: '1', limit: '5' }),
    );
    expect(queries.keyOf({ limit: '5' })).not.toBe(queries.keyOf({ limit: ['5'] }));
  });

  it('keeps neither long query strings, names Nest strips, nor DTOs holding objects', () => {
    const queries = new ValidatedQueries();
    expect(queries.keyOf({ after: 'a'.repeat(600) })).toBeUndefined();
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(queries.keyOf(JSON.parse(`{"limit":"20","${name}":"x"}`))).toBeUndefined();
    }
    const key = queries.keyOf({ tags: 'a' })!;
    queries.set(PageQueryDto, key, { tags: ['a'] });
    expect(queries.get(PageQueryDto, key)).toBeUndefined();
  });
});
