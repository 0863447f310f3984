import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, Role } from '../../common/authz/scope-table';
import { IsOptionalButNotNull } from '../../common/validation/is-optional-but-not-null';
import { TEXT } from '../../common/openapi/patterns';

export class UpdateUserDto {
  @ApiPropertyOptional({ type: String, nullable: true, format: 'email', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, ...TEXT, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string | null;

  @ApiPropertyOptional({ enum: ROLES, description: 'needs admin' })
  @IsOptionalButNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'needs admin' })
  @IsOptionalButNotNull()
  @IsBoolean()
  disabled?: boolean;
}
