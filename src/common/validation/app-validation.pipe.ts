import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';
import { findHostileText, HOSTILE_TEXT_MESSAGE } from './hostile-text';
import { findInheritedName } from './inherited-names';
import { ValidatedQueries } from './validated-queries';

/**
 * The global pipe: class-validator DTOs (whitelist, unknown properties refused, strict JSON types),
 * and before them, for every body, query and path parameter, a refusal of hostile text (NUL, lone
 * surrogates), whatever the DTO says, and of property names every object inherits (`toString`),
 * which the whitelist cannot see. A query string that passed once is not validated again.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  private readonly validatedQueries = new ValidatedQueries();

  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const path = findHostileText(value);
      if (path !== undefined) {
        const where = [metadata.type === 'param' ? metadata.data : metadata.type, path];
        throw new BadRequestException(`${where.filter(Boolean).join('.')} ${HOSTILE_TEXT_MESSAGE}`);
      }
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const inherited = findInheritedName(value);
      if (inherited !== undefined) throw new BadRequestException(`${inherited} should not exist`);
    }
    const { metatype } = metadata;
    const key = metadata.type === 'query' ? this.validatedQueries.keyOf(value) : undefined;
    if (key === undefined || !metatype || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    const kept = this.validatedQueries.get(metatype as new () => object, key);
    if (kept) return kept;
    const validated = (await super.transform(value, metadata)) as object;
    this.validatedQueries.set(metatype, key, validated);
    return validated;
  }
}
