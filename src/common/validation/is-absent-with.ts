import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/** The property must not be given together with `other` (two ways of saying where to start). */
export const IsAbsentWith = (other: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAbsentWith',
      constraints: [other],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          value === undefined || (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} cannot be combined with ${other}`,
      },
    },
    options,
  );
