import { Controller, Get } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@scopegate/nest-scopes';
import { NEVER_SHED } from '../common/http/overload-shedding';
import { DatabaseHealthIndicator } from './database.health';
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
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @RouteConfig(NEVER_SHED)
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
    summary:
      'The process can serve: not shutting down or overloaded, its database (and Redis) answer',
    description:
      'For a readiness probe or a load balancer: 503 while shutting down (draining), while a ' +
      'dependency does not answer or the database times out or refuses writes, with the failing ' +
      'check under `error`, and while the process sheds load. Public.',
  })
  ready() {
    return this.health.check([
      () => this.shutdown.check('accepting'),
      () => this.database.check('database'),
      ...(this.redis.configured ? [() => this.redis.check('redis')] : []),
    ]);
  }
}
