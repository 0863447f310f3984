import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { UserEntity } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';

export const PASSWORD_STRATEGY = 'local';

/** The password grant's credential check; null (any reason) becomes `invalid_grant`. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, PASSWORD_STRATEGY) {
  constructor(private readonly users: UsersService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<UserEntity | null> {
    return this.users.verifyCredentials(username, password);
  }
}
