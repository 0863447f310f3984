import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InsufficientScopeException } from '@scopegate/nest-scopes';
import { CurrentPrincipal, Principal, requireUser } from '../common/authz/principal';
import { REALM } from '../common/errors/realm';
import { Scope } from '../common/authz/scope-table';
import { Scopes } from '../common/authz/scope-table';
import { IdParam } from '../common/validation/id';
import { ApiIdParam } from '../common/openapi/api-property';
import { ApiErrorResponse, ApiUserTokenRequired } from '../common/openapi/error-responses';
import { mapPage } from '../common/pagination/page.dto';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** Some fields of a user may only be set by an admin, whatever the route's own scope. */
function requireAdminFor(principal: Principal, routeScope: Scope, what: string): void {
  if (!principal.effectiveScopes.has('admin')) {
    throw new InsufficientScopeException([routeScope, 'admin'], ['admin'], what, REALM);
  }
}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiUserTokenRequired('A client token: this operation needs a user’s token')
  @Scopes()
  @ApiOkResponse({ type: UserDto, description: 'The account of the token’s user' })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return UserDto.from(await this.users.findById(requireUser(principal)));
  }

  @Get()
  @Scopes('users:read')
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() page: PageQueryDto) {
    return mapPage(await this.users.list(page), (record) => UserDto.from(record));
  }

  @Get(':id')
  @ApiIdParam()
  @Scopes('users:read')
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponse(404, 'No such user', 'User not found')
  async get(@IdParam() id: string): Promise<UserDto> {
    return UserDto.from(await this.users.findById(id));
  }

  @Post()
  @Scopes('users:write')
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrorResponse(409, 'The username is taken', 'That username is taken')
  async create(
    @Body() dto: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    if (dto.role !== undefined && dto.role !== 'user') {
      requireAdminFor(principal, 'users:write', 'Creating a user with this role needs admin');
    }
    return UserDto.from(await this.users.create(dto));
  }

  @Patch(':id')
  @ApiIdParam()
  @Scopes('users:write')
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponse(404, 'No such user', 'User not found')
  @ApiErrorResponse(409, 'The last enabled admin', 'The last enabled admin cannot be demoted')
  async update(
    @IdParam() id: string,
    @Body() dto: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    if (dto.role !== undefined || dto.disabled !== undefined) {
      requireAdminFor(principal, 'users:write', 'Changing role or disabled needs admin');
    }
    return UserDto.from(await this.users.update(id, dto));
  }

  @Delete(':id')
  @ApiIdParam()
  @Scopes('users:delete')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrorResponse(404, 'No such user', 'User not found')
  @ApiErrorResponse(409, 'The last enabled admin', 'The last enabled admin cannot be deleted')
  async remove(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.users.remove(id, (user) => {
      if (user.role === 'admin') {
        requireAdminFor(principal, 'users:delete', 'Deleting an admin needs admin');
      }
    });
  }
}
