import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** GET /metrics for Prometheus, behind the `metrics:read` scope. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
