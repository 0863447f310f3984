import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { AuthModule } from './auth/auth.module';
import { PageCursorsModule } from './auth/keys/page-cursors.module';
import { ResourceServerModule } from './auth/resource-server.module';
import { ClientsModule } from './clients/clients.module';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { LoggingModule } from './common/logging/logging.module';
import { AppValidationPipe } from './common/validation/app-validation.pipe';
import { RedisModule } from './common/redis/redis.module';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppConfig } from './config/app.config';
import { appConfigModule } from './config/app-config.module';
import { DatabaseModule } from './common/database/database.module';
import { HealthModule } from './health/health.module';
import { ItemsModule } from './items/items.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrdersModule } from './orders/orders.module';
import { FirstAdmin } from './users/first-admin';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** Built per application from its configuration, already validated by the caller. */
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        appConfigModule(config),
        LoggingModule.forRoot(logger),
        RedisModule,
        ThrottlingModule,
        DatabaseModule.forRoot({ checkSchema: true }),
        ResourceServerModule,
        PageCursorsModule,
        AuthModule,
        UsersModule,
        ItemsModule,
        OrdersModule,
        ClientsModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [
        FirstAdmin,
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
