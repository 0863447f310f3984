import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';
import { findHostileText, HOSTILE_TEXT_MESSAGE } from './hostile-text';

/**
 * The global pipe: class-validator DTOs (whitelist, unknown properties refused, strict JSON types),
 * and before them, for every body, query and path parameter, a refusal of hostile text (NUL, lone
 * surrogates), whatever the DTO says.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
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
    return super.transform(value, metadata);
  }
}
