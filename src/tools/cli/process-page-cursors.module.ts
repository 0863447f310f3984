import { Global, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PageCursors } from '../../common/pagination/page-cursors';

/**
 * The CLI's cursors, signed with a key of its own process: it walks lists page by page and shows
 * no cursor, so they never need to work anywhere else (nor the signing key to be read for them).
 */
@Global()
@Module({
  providers: [{ provide: PageCursors, useFactory: () => new PageCursors(randomBytes(32)) }],
  exports: [PageCursors],
})
export class ProcessPageCursorsModule {}
