import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, Role } from '../../common/authz/scope-table';
import { TEXT } from '../../common/openapi/patterns';

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{3,64}$/;

export class CreateUserDto {
  @ApiProperty({ pattern: USERNAME_PATTERN.source, minLength: 3, maxLength: 64, example: 'alice' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-64 letters, digits or ._@-' })
  username: string;

  @ApiProperty({ minLength: 12, maxLength: 128, format: 'password' })
  @IsString()
  @Length(12, 128)
  password: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ ...TEXT, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({
    enum: ROLES,
    default: 'user',
    description: 'any role but user needs admin',
  })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
