import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth/auth.module';
import { ClientsModule } from './clients/clients.module';
import { AuthzModule } from './common/authz/authz.module';
import { databaseOptions } from './common/database/database-options';
import { serializeSqliteAccess } from './common/database/sqlite-serialization';
import { HttpErrorFilter } from './common/http/http-error.filter';
import { LoggingModule } from './common/logging/logging.module';
import { AppValidationPipe } from './common/validation/app-validation.pipe';
import { RedisModule } from './common/redis/redis.module';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { APP_CONFIG_NAMESPACE, AppConfig, appConfig } from './config/app.config';
import { HealthModule } from './health/health.module';
import { ItemsModule } from './items/items.module';
import { OrdersModule } from './orders/orders.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** Built per application from its configuration, already validated by the caller. */
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [registerAs(APP_CONFIG_NAMESPACE, () => config)],
        }),
        LoggingModule.forRoot(logger),
        RedisModule,
        ThrottlingModule,
        TypeOrmModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: AppConfig) => ({
            ...databaseOptions(config.database),
            autoLoadEntities: true,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            if (dataSource.options.type === 'better-sqlite3') serializeSqliteAccess(dataSource);
            return dataSource;
          },
        }),
        AuthzModule,
        AuthModule,
        UsersModule,
        ItemsModule,
        OrdersModule,
        ClientsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
