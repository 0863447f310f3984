import { DynamicModule } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { APP_CONFIG_NAMESPACE, AppConfig } from './app.config';

/** The configuration, validated once by the caller, offered to every module. */
export const appConfigModule = (config: AppConfig): Promise<DynamicModule> =>
  ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    load: [registerAs(APP_CONFIG_NAMESPACE, () => config)],
  });
