import { ValueTransformer } from 'typeorm';

/** PostgreSQL returns BIGINT as a string; amounts in cents stay well inside Number's safe range. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
