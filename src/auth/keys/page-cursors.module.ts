import { Global, Module } from '@nestjs/common';
import { PageCursors } from '../../common/pagination/page-cursors';
import { derivedKey } from './derived-key';
import { SigningKeys } from './signing-keys';
import { SigningKeysModule } from './signing-keys.module';

/**
 * The lists' cursors, signed with a key derived from the token signing key: a cursor from one
 * instance works on every other, and a rotated signing key retires the cursors made before.
 */
@Global()
@Module({
  imports: [SigningKeysModule],
  providers: [
    {
      provide: PageCursors,
      useFactory: (keys: SigningKeys) =>
        new PageCursors(derivedKey(keys.current.signingKey, 'scopegate/page-cursors')),
      inject: [SigningKeys],
    },
  ],
  exports: [PageCursors],
})
export class PageCursorsModule {}
