import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'nest-scopes:public';

/** Opts a route (or a whole controller) out of authentication. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
