import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, requireUser } from '../common/authz/principal';
import { Scopes } from '../common/authz/scopes.decorator';
import { IdParam } from '../common/validation/id';
import { ApiIdParam } from '../common/openapi/api-property';
import { mapPage } from '../common/pagination/page.dto';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrderDto, OrderPageDto } from './dto/order.dto';
import { OrdersService, OrderVisibility } from './orders.service';

/** Callers see their own orders; `admin` lifts that limit (contract section 2). */
function visibilityOf(principal: Principal): OrderVisibility {
  return principal.effectiveScopes.has('admin') ? 'all' : { userId: principal.subject };
}

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Scopes('orders:read')
  @ApiOkResponse({ type: OrderPageDto, description: 'Your orders; with admin, everyone’s' })
  async list(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    const orders = await this.orders.list(visibilityOf(principal), page);
    return mapPage(orders, (order) => OrderDto.from(order));
  }

  @Get(':id')
  @ApiIdParam()
  @Scopes('orders:read')
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ description: 'No such order, or not yours' })
  async get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return OrderDto.from(await this.orders.findVisible(id, visibilityOf(principal)));
  }

  @Post()
  @Scopes('orders:write')
  @ApiCreatedResponse({ type: OrderDto })
  @ApiBadRequestResponse({ description: 'Invalid lines, or an unknown item' })
  @ApiConflictResponse({ description: 'Not enough stock; nothing was taken' })
  @ApiForbiddenResponse({ description: 'A client token cannot place an order: it has no user' })
  async place(
    @Body() dto: CreateOrderDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderDto> {
    return OrderDto.from(await this.orders.place(requireUser(principal), dto));
  }

  @Post(':id/cancel')
  @ApiIdParam()
  @Scopes('orders:write')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ description: 'No such order, or not yours' })
  @ApiConflictResponse({ description: 'The order is not pending' })
  async cancel(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return OrderDto.from(await this.orders.cancel(id, visibilityOf(principal)));
  }

  @Post(':id/pay')
  @ApiIdParam()
  @Scopes('payments:process')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already paid, or cancelled' })
  async pay(@IdParam() id: string): Promise<OrderDto> {
    return OrderDto.from(await this.orders.pay(id));
  }
}
