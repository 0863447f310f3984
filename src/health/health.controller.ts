import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@scopegate/nest-scopes';
import { RedisHealthIndicator } from './redis.health';
import { HealthDto } from './dto/health.dto';
import { ShutdownState } from './shutdown-state';

@ApiTags('health')
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: HealthDto })
  @ApiOperation({
    summary: 'The process is up',
    description: 'For a liveness probe: checks nothing but that the process answers. Public.',
  })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency is down' })
  @ApiOperation({
    summary: 'The process can serve: not shutting down, its database (and Redis, if used) answer',
    description:
      'For a readiness probe or a load balancer: 503 while shutting down (draining) or while a ' +
      'dependency does not answer, with the failing check under `error`. Public.',
  })
  ready() {
    return this.health.check([
      () => this.shutdown.check('accepting'),
      () => this.database.pingCheck('database', { timeout: 2000 }),
      ...(this.redis.configured ? [() => this.redis.check('redis')] : []),
    ]);
  }
}
