import { ApiTimestampProperty, ApiUuidProperty } from '../../common/openapi/api-property';
import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../../common/authz/scope-table';
import { PageOf } from '../../common/pagination/page.dto';
import { UserEntity } from '../user.entity';
import { TEXT } from '../../common/openapi/patterns';
import { USERNAME_PATTERN } from './create-user.dto';

/** A user account as the API shows it: never the password hash. */
export class UserDto {
  @ApiUuidProperty()
  id: string;

  @ApiProperty({ example: 'alice', pattern: USERNAME_PATTERN.source, minLength: 3, maxLength: 64 })
  username: string;

  @ApiProperty({ type: String, nullable: true, format: 'email', maxLength: 254 })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, ...TEXT, maxLength: 200 })
  fullName: string | null;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty()
  disabled: boolean;

  @ApiTimestampProperty()
  createdAt: Date;

  @ApiTimestampProperty()
  updatedAt: Date;

  static from(user: UserEntity): UserDto {
    const { id, username, email, fullName, role, disabled, createdAt, updatedAt } = user;
    return { id, username, email, fullName, role, disabled, createdAt, updatedAt };
  }
}

export const UserPageDto = PageOf(UserDto);
