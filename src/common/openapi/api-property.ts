import { ApiParam, ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/** A UUID: OpenAPI says so, with its length, so no client needs to guess a limit. */
export const ApiUuidProperty = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ format: 'uuid', minLength: 36, maxLength: 36, ...options });

/** An ISO 8601 timestamp, as records' createdAt and updatedAt. */
export const ApiTimestampProperty = () =>
  ApiProperty({ type: String, format: 'date-time', maxLength: 30 });

/** The `:id` path parameter of a route, a UUID. */
export const ApiIdParam = () =>
  ApiParam({
    name: 'id',
    schema: { type: 'string', format: 'uuid', minLength: 36, maxLength: 36 },
  });
