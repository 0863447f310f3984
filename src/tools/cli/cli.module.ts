import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { TokenPurgeModule } from '../../auth/retention/token-purge.module';
import { ClientsModule } from '../../clients/clients.module';
import { DatabaseModule } from '../../common/database/database.module';
import { LoggingModule } from '../../common/logging/logging.module';
import { RedisModule } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app.config';
import { appConfigModule } from '../../config/app-config.module';
import { UsersModule } from '../../users/users.module';
import { ClientsCreateCommand } from './clients-create.command';
import { ClientsDeleteCommand } from './clients-delete.command';
import { ClientsListCommand } from './clients-list.command';
import { KeysGenerateCommand } from './keys-generate.command';
import {
  MigrationsRevertCommand,
  MigrationsRunCommand,
  MigrationsShowCommand,
} from './migrations.commands';
import { ProcessPageCursorsModule } from './process-page-cursors.module';
import { SecretQuestions } from './secret.questions';
import { UsersCreateCommand } from './users-create.command';
import { UsersListCommand } from './users-list.command';
import { UsersSetPasswordCommand } from './users-set-password.command';
import { TokensPurgeCommand } from './tokens-purge.command';

/**
 * The operator's commands, on the server's own modules: the same validation, the same password
 * hashing, and (with REDIS_URL) the same eviction of cached user state on every running instance.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CliModule,
      imports: [
        appConfigModule(config),
        LoggingModule.forRoot(logger),
        RedisModule,
        DatabaseModule.forRoot({ checkSchema: false }),
        ProcessPageCursorsModule,
        UsersModule,
        ClientsModule,
        TokenPurgeModule,
      ],
      providers: [
        SecretQuestions,
        UsersCreateCommand,
        UsersSetPasswordCommand,
        UsersListCommand,
        ClientsCreateCommand,
        ClientsListCommand,
        ClientsDeleteCommand,
        KeysGenerateCommand,
        MigrationsRunCommand,
        MigrationsRevertCommand,
        MigrationsShowCommand,
        TokensPurgeCommand,
      ],
    };
  }
}
