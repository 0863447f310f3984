import { ApiProperty } from '@nestjs/swagger';

/** NestJS's error body, as the 401 and 403 answers of protected routes carry it. */
export class BearerErrorDto {
  @ApiProperty({ minimum: 400, maximum: 599, example: 403 })
  statusCode: number;

  @ApiProperty({ maxLength: 64, example: 'Forbidden' })
  error: string;

  @ApiProperty({ type: 'string', maxLength: 1024, example: 'Missing required scope: items:read' })
  message: string;
}
