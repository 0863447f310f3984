import { ApiProperty } from '@nestjs/swagger';
import { TEXT } from '../openapi/patterns';

/**
 * NestJS's error body, for every JSON error outside the OAuth endpoints; each operation's responses
 * carry examples that fit it.
 */
export class ErrorDto {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 400, maximum: 599 })
  statusCode: number;

  @ApiProperty({
    pattern: "^[A-Za-z' -]+$",
    maxLength: 64,
    description: 'The status’s reason phrase',
  })
  error: string;

  @ApiProperty({
    oneOf: [
      { type: 'string', ...TEXT, maxLength: 1024 },
      { type: 'array', maxItems: 100, items: { type: 'string', ...TEXT, maxLength: 1024 } },
    ],
    description: 'What went wrong; a failed validation lists every problem',
  })
  message: string | string[];
}
