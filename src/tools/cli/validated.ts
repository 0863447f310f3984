import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { findHostileText, HOSTILE_TEXT_MESSAGE } from '../../common/validation/hostile-text';

/** The API's own DTO rules for what a command was given, with every problem in one message. */
export async function validated<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<T> {
  const hostile = findHostileText(plain);
  if (hostile !== undefined) throw new Error(`${hostile} ${HOSTILE_TEXT_MESSAGE}`);
  const value = plainToInstance(dto, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new Error(problems.join('; '));
  return value;
}
