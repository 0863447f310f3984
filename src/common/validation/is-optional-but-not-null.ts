import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional(), but `null` is still validated (and so refused) — for PATCH fields whose column
 * cannot be null.
 */
export const IsOptionalButNotNull = () => ValidateIf((_object, value) => value !== undefined);
