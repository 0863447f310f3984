import {
  applyDecorators,
  ArgumentMetadata,
  Injectable,
  Param,
  ParseUUIDPipe,
} from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';

/**
 * Ids are UUIDs, compared case-insensitively: every id that comes in is turned into the canonical
 * lower-case form, the form both databases store, before anything looks it up or stores it.
 */
export const canonicalId = (id: string) => id.toLowerCase();

@Injectable()
export class ParseIdPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return canonicalId(await super.transform(value, metadata));
  }
}

/** The `:id` path parameter: a UUID, in canonical form. */
export const IdParam = () => Param('id', ParseIdPipe);

/** A UUID property of a body, in canonical form. */
export const IsId = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? canonicalId(value) : value,
    ),
    IsUUID(),
  );
