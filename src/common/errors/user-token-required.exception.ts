import { ForbiddenException } from '@nestjs/common';

/** A client token on a route that acts for a user: no scope would help, so none is named. */
export class UserTokenRequiredException extends ForbiddenException {
  static readonly MESSAGE = 'This route acts for a user; a client token has none';

  constructor() {
    super(UserTokenRequiredException.MESSAGE);
  }
}
