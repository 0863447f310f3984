import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { ByIdLookup } from '../common/database/by-id-lookup';
import { Page } from '../common/pagination/page.dto';
import { findPage } from '../common/pagination/find-page';
import { PageReads } from '../common/pagination/page-reads';
import { PageCursors } from '../common/pagination/page-cursors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreateItemDto } from './dto/create-item.dto';
import { UpdateItemDto } from './dto/update-item.dto';
import { ItemEntity } from './item.entity';

export interface StockLine {
  readonly itemId: string;
  readonly quantity: number;
}

@Injectable()
export class ItemsService {
  private readonly byId: ByIdLookup<ItemEntity>;
  private readonly pages: PageReads<ItemEntity>;

  constructor(
    @InjectRepository(ItemEntity) private readonly items: Repository<ItemEntity>,
    private readonly cursors: PageCursors,
  ) {
    this.byId = new ByIdLookup(items);
    this.pages = new PageReads(items);
  }

  list(page: PageQueryDto): Promise<Page<ItemEntity>> {
    return findPage(this.pages, page, { cursors: this.cursors, name: 'items' });
  }

  async findById(id: string): Promise<ItemEntity> {
    const item = await this.byId.find(id);
    if (!item) throw new NotFoundException('Item not found');
    return item;
  }

  async create(dto: CreateItemDto): Promise<ItemEntity> {
    const item = this.items.create({ ...dto, description: dto.description ?? null });
    await this.items.insert(item);
    return this.findById(item.id);
  }

  async update(id: string, dto: UpdateItemDto): Promise<ItemEntity> {
    if (Object.keys(dto).length === 0) return this.findById(id);
    const result = await this.items.update({ id, deletedAt: IsNull() }, dto);
    if (!result.affected) throw new NotFoundException('Item not found');
    return this.findById(id);
  }

  async remove(id: string): Promise<void> {
    const result = await this.items.softDelete({ id, deletedAt: IsNull() });
    if (!result.affected) throw new NotFoundException('Item not found');
  }

  /**
   * Takes stock for every line inside the caller's transaction, each with one conditional update
   * (safe under concurrency without locking reads), and returns the current unit prices. Throws
   * 400 for an unknown item and 409 for too little stock; the caller's rollback then undoes it all.
   */
  async takeStock(
    manager: EntityManager,
    lines: readonly StockLine[],
  ): Promise<Map<string, number>> {
    const items = manager.getRepository(ItemEntity);
    // One order of updates for every transaction, so that concurrent orders cannot deadlock.
    const ordered = [...lines].sort((a, b) => a.itemId.localeCompare(b.itemId));
    for (const { itemId, quantity } of ordered) {
      const result = await items
        .createQueryBuilder()
        .update()
        .set({ stock: () => '"stock" - :quantity' })
        .where('"id" = :itemId AND "deletedAt" IS NULL AND "stock" >= :quantity', {
          itemId,
          quantity,
        })
        .execute();
      if (!result.affected) {
        if (!(await items.existsBy({ id: itemId }))) {
          throw new BadRequestException(`Unknown item ${itemId}`);
        }
        throw new ConflictException(`Not enough stock for item ${itemId}`);
      }
    }
    const priced = await items.find({
      where: { id: In(lines.map((line) => line.itemId)) },
      select: { id: true, priceCents: true },
    });
    return new Map(priced.map((item) => [item.id, item.priceCents]));
  }

  /** Puts stock back (a cancelled order), inside the caller's transaction. */
  async returnStock(manager: EntityManager, lines: readonly StockLine[]): Promise<void> {
    const ordered = [...lines].sort((a, b) => a.itemId.localeCompare(b.itemId));
    for (const { itemId, quantity } of ordered) {
      await manager
        .getRepository(ItemEntity)
        .createQueryBuilder()
        .update()
        .set({ stock: () => '"stock" + :quantity' })
        .where('"id" = :itemId', { itemId, quantity })
        .execute();
    }
  }
}
