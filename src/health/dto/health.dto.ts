import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
  },
};

/** What @nestjs/terminus answers: 200 when every check is up, 503 otherwise. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status: string;

  @ApiPropertyOptional({ ...INDICATORS, example: { database: { status: 'up' } } })
  info?: Record<string, { status: string }>;

  @ApiPropertyOptional(INDICATORS)
  error?: Record<string, { status: string }>;

  @ApiPropertyOptional(INDICATORS)
  details?: Record<string, { status: string }>;
}
