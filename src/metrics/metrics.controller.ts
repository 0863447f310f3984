import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Scopes } from '../common/authz/scope-table';
import { metricsRegistry } from '../common/metrics/metrics';

@ApiTags('metrics')
@Controller('metrics')
@SkipThrottle()
export class MetricsController {
  @Get()
  @Scopes('metrics:read')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Service metrics in the Prometheus text format',
    description:
      'Requests by route and status with their latency, tokens issued by grant and client, ' +
      'refused token requests, failed and throttled sign-ins, revocations, cache hit rates, ' +
      'database and Redis errors, and the process itself. A Prometheus server scrapes it with ' +
      'its OAuth2 client-credentials configuration.',
  })
  @ApiOkResponse({
    description: 'Prometheus text exposition format, version 0.0.4',
    content: {
      'text/plain': { schema: { type: 'string', maxLength: 1_000_000 } },
    },
  })
  metrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('Content-Type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  }
}
