import { Module } from '@nestjs/common';
import { AppConfig, appConfig } from '../../config/app.config';
import { loadSigningKey, SigningKeys } from './signing-keys';

@Module({
  providers: [
    {
      provide: SigningKeys,
      useFactory: (config: AppConfig) =>
        new SigningKeys(loadSigningKey(config.jwt, config.dataDir)),
      inject: [appConfig.KEY],
    },
  ],
  exports: [SigningKeys],
})
export class SigningKeysModule {}
