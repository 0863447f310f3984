import { Module } from '@nestjs/common';
import { AppConfig, appConfig } from '../../config/app.config';
import { loadSigningKeys, SigningKeys } from './signing-keys';

@Module({
  providers: [
    {
      provide: SigningKeys,
      useFactory: (config: AppConfig) => loadSigningKeys(config.jwt, config.dataDir),
      inject: [appConfig.KEY],
    },
  ],
  exports: [SigningKeys],
})
export class SigningKeysModule {}
