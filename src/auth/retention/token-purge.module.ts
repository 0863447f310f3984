import { Module } from '@nestjs/common';
import { PurgeLock } from './purge-lock';
import { TokenPurge } from './token-purge';

/** The token tables' purge and its lock, for the server's schedule and the CLI's tokens:purge. */
@Module({
  providers: [TokenPurge, PurgeLock],
  exports: [TokenPurge, PurgeLock],
})
export class TokenPurgeModule {}
