import { BadRequestException, Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '@scopegate/nest-scopes';
import { Scopes } from './scopes';

interface Adjustment {
  sku: string;
  delta: number;
}

/** Stock levels in memory: the point of the example is who may call what. */
@ApiTags('stock')
@Controller()
export class StockController {
  private readonly levels = new Map<string, number>([['espresso-cup', 12]]);

  @Get('health')
  @Public()
  health() {
    return { status: 'ok' };
  }

  @Get('stock')
  @Scopes('items:read')
  list() {
    return { data: [...this.levels].map(([sku, quantity]) => ({ sku, quantity })) };
  }

  @Post('stock/adjust')
  @Scopes('items:write')
  adjust(@Body() body: Adjustment, @CurrentPrincipal() who: Principal) {
    if (typeof body?.sku !== 'string' || !Number.isInteger(body.delta)) {
      throw new BadRequestException('sku (string) and delta (integer) are required');
    }
    const quantity = (this.levels.get(body.sku) ?? 0) + body.delta;
    this.levels.set(body.sku, quantity);
    return { sku: body.sku, quantity, adjustedBy: who.subject };
  }
}
