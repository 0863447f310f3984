import { ApiProperty } from '@nestjs/swagger';

/** NestJS's error body (contract section 5); validation errors list every problem in `message`. */
export class ErrorDto {
  @ApiProperty({ minimum: 400, maximum: 599, example: 403 })
  statusCode: number;

  @ApiProperty({ maxLength: 64, example: 'Forbidden' })
  error: string;

  @ApiProperty({
    oneOf: [
      { type: 'string', maxLength: 1024 },
      { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 1024 } },
    ],
    example: 'Missing required scope: orders:read',
  })
  message: string | string[];
}
