import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../../common/authz/scope-table';
import { PageOf } from '../../common/pagination/page.dto';
import { UserEntity } from '../user.entity';

/** A user account as the API shows it: never the password hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'alice', minLength: 3, maxLength: 64 })
  username: string;

  @ApiProperty({ type: String, nullable: true, format: 'email', maxLength: 254 })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 200 })
  fullName: string | null;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty()
  disabled: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;

  static from(user: UserEntity): UserDto {
    const { id, username, email, fullName, role, disabled, createdAt, updatedAt } = user;
    return { id, username, email, fullName, role, disabled, createdAt, updatedAt };
  }
}

export const UserPageDto = PageOf(UserDto);
