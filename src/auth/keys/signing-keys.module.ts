import { Module } from '@nestjs/common';
import { AppConfig, appConfig } from '../../config/app.config';
import { loadPreviousKeys, loadSigningKey, SigningKeys } from './signing-keys';

@Module({
  providers: [
    {
      provide: SigningKeys,
      useFactory: (config: AppConfig) =>
        new SigningKeys(loadSigningKey(config.jwt, config.dataDir), loadPreviousKeys(config.jwt)),
      inject: [appConfig.KEY],
    },
  ],
  exports: [SigningKeys],
})
export class SigningKeysModule {}
