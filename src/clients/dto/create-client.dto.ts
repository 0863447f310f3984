import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  Length,
} from 'class-validator';
import { ALL_SCOPES } from '../../common/authz/scope-implications';
import { Scope } from '../../common/authz/scope-table';

export class CreateClientDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'payments-worker' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    enum: ALL_SCOPES,
    isArray: true,
    minItems: 1,
    maxItems: ALL_SCOPES.length,
    example: ['payments:process'],
    description: 'the most its client_credentials tokens may hold',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_SCOPES.length)
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true })
  scopes: Scope[];
}
