import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { DATABASE_FAULTS } from '../../common/database/database-fault';
import { TEXT } from '../../common/openapi/patterns';

const INDICATOR = {
  type: 'object' as const,
  required: ['status'],
  properties: {
    status: { type: 'string' as const, enum: ['up', 'down'] },
    message: { type: 'string' as const, ...TEXT, maxLength: 1024 },
    // Why the database is not ready although it may answer a ping (database.health.ts).
    fault: { type: 'string' as const, enum: [...DATABASE_FAULTS] },
  },
};

/** The checks GET /health/ready runs (GET /health/live runs none); Redis only when configured. */
const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  properties: { accepting: INDICATOR, database: INDICATOR, redis: INDICATOR },
  additionalProperties: false,
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
