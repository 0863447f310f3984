import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'scopegate:public';

/** Opts a route (or a whole controller) out of authentication. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
