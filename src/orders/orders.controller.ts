import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, requireUser } from '../common/authz/principal';
import { Scopes } from '../common/authz/scope-table';
import { IdParam } from '../common/validation/id';
import { ApiIdParam } from '../common/openapi/api-property';
import { ApiErrorResponse, ApiUserTokenRequired } from '../common/openapi/error-responses';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrderDto, OrderPageDto } from './dto/order.dto';
import { OrdersService, OrderVisibility } from './orders.service';

/** Callers see their own orders; `admin` lifts that limit. */
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
  list(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.orders.list(visibilityOf(principal), page);
  }

  @Get(':id')
  @ApiIdParam()
  @Scopes('orders:read')
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponse(404, 'No such order, or not yours', 'Order not found')
  async get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return OrderDto.from(await this.orders.findVisible(id, visibilityOf(principal)));
  }

  @Post()
  @ApiUserTokenRequired(
    'The token lacks orders:write, or is a client token: an order needs a user (see WWW-Authenticate)',
  )
  @Scopes('orders:write')
  @ApiCreatedResponse({ type: OrderDto })
  @ApiErrorResponse(400, 'Invalid lines, or an unknown item', 'Unknown item 9b2f…')
  @ApiErrorResponse(409, 'Not enough stock; nothing was taken', 'Not enough stock for item 9b2f…')
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
  @ApiErrorResponse(404, 'No such order, or not yours', 'Order not found')
  @ApiErrorResponse(409, 'The order is not pending', 'The order is not pending')
  async cancel(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return OrderDto.from(await this.orders.cancel(id, visibilityOf(principal)));
  }

  @Post(':id/pay')
  @ApiIdParam()
  @Scopes('payments:process')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponse(404, 'No such order', 'Order not found')
  @ApiErrorResponse(409, 'Already paid, or cancelled', 'The order is not pending')
  async pay(@IdParam() id: string): Promise<OrderDto> {
    return OrderDto.from(await this.orders.pay(id));
  }
}
