import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, Not, Repository } from 'typeorm';
import { Role } from '../common/authz/scope-table';
import { ByIdLookup } from '../common/database/by-id-lookup';
import { isUniqueViolation } from '../common/database/unique-violation';
import { Page } from '../common/pagination/page.dto';
import { findPage } from '../common/pagination/find-page';
import { PageReads } from '../common/pagination/page-reads';
import { PageCursors } from '../common/pagination/page-cursors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { PasswordHasher } from './password-hasher.service';
import { UserStateCache } from './user-state-cache';
import { UserEntity, usernameKey } from './user.entity';

/** What an access token is checked against on every request. */
export interface UserTokenState {
  readonly role: Role;
  readonly tokenVersion: number;
}

/** The accounts that can administer: at least one always stays. */
const ENABLED_ADMIN: FindOptionsWhere<UserEntity> = { role: 'admin', disabled: false };
const isEnabledAdmin = (user: UserEntity) => user.role === 'admin' && !user.disabled;
/** The PostgreSQL advisory lock key of changes that could take an admin away (any constant). */
const ADMIN_CHANGES_LOCK = 1_301_201;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly byId: ByIdLookup<UserEntity>;
  private readonly pages: PageReads<UserEntity>;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokenStates: UserStateCache<UserTokenState | null>,
    private readonly cursors: PageCursors,
  ) {
    this.byId = new ByIdLookup(users);
    this.pages = new PageReads(users);
  }

  async create(dto: CreateUserDto): Promise<UserEntity> {
    const passwordHash = await this.hasher.hash(dto.password);
    const user = this.users.create({
      username: dto.username,
      usernameKey: usernameKey(dto.username),
      passwordHash,
      email: dto.email ?? null,
      fullName: dto.fullName ?? null,
      role: dto.role ?? 'user',
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('That username is taken');
      throw error;
    }
    return this.findById(user.id);
  }

  list(page: PageQueryDto): Promise<Page<UserEntity>> {
    return findPage(this.pages, page, { cursors: this.cursors, name: 'users' });
  }

  async findById(id: string): Promise<UserEntity> {
    const user = await this.byId.find(id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserEntity> {
    if (Object.keys(dto).length === 0) return this.findById(id);
    const revokesTokens = await this.whileAnAdminStays(id, async (manager, user) => {
      const demotes = dto.role !== undefined && dto.role !== 'admin';
      if (isEnabledAdmin(user) && (demotes || dto.disabled === true)) {
        await this.assertAnotherAdmin(manager, id, demotes ? 'demoted' : 'disabled');
      }
      const changesAccess =
        (dto.role !== undefined && dto.role !== user.role) ||
        (dto.disabled !== undefined && dto.disabled !== user.disabled);
      await manager.update(
        UserEntity,
        { id },
        { ...dto, ...(changesAccess ? { tokenVersion: () => '"tokenVersion" + 1' } : {}) },
      );
      return changesAccess;
    });
    if (revokesTokens) await this.tokenStates.invalidate(id);
    return this.findById(id);
  }

  /**
   * Soft-deletes a user. `mayRemove` sees the account first (and may throw: taking an admin away
   * needs admin); the last enabled admin is never removed.
   */
  async remove(id: string, mayRemove: (user: UserEntity) => void): Promise<void> {
    await this.whileAnAdminStays(id, async (manager, user) => {
      mayRemove(user);
      if (isEnabledAdmin(user)) await this.assertAnotherAdmin(manager, id, 'deleted');
      await manager.update(
        UserEntity,
        { id },
        { deletedAt: () => 'CURRENT_TIMESTAMP', tokenVersion: () => '"tokenVersion" + 1' },
      );
    });
    await this.tokenStates.invalidate(id);
  }

  /**
   * Runs a change of user `id` in a transaction that holds, on PostgreSQL, one advisory lock taken
   * by every such change (on SQLite every transaction already runs alone): two admins taking each
   * other away at once are ordered, and the second sees the first's change. One lock rather than
   * row locks: a row lock taken on a row that another change has just demoted stays held, and
   * crossing the target's lock with it deadlocks.
   */
  private whileAnAdminStays<T>(
    id: string,
    change: (manager: EntityManager, user: UserEntity) => Promise<T>,
  ): Promise<T> {
    return this.users.manager.transaction(async (manager) => {
      if (manager.connection.options.type === 'postgres') {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
      }
      const user = await manager.findOneBy(UserEntity, { id });
      if (!user) throw new NotFoundException('User not found');
      return change(manager, user);
    });
  }

  /** 409 unless an enabled admin other than `id` exists (within whileAnAdminStays). */
  private async assertAnotherAdmin(
    manager: EntityManager,
    id: string,
    change: 'deleted' | 'disabled' | 'demoted',
  ): Promise<void> {
    const others = await manager.countBy(UserEntity, { ...ENABLED_ADMIN, id: Not(id) });
    if (others === 0) {
      throw new ConflictException(`The last enabled admin cannot be ${change}`);
    }
  }

  /**
   * The user these credentials belong to, or null — whether the username is unknown, the password
   * wrong or the account disabled. Costs one password verification in every case.
   */
  async verifyCredentials(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findOne({
      where: { usernameKey: usernameKey(username) },
      select: { id: true, role: true, disabled: true, tokenVersion: true, passwordHash: true },
    });
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (valid && user && !user.disabled) return user;
    return null;
  }

  /**
   * The state a user's access tokens must match, or null when the user is gone or disabled. Asked
   * on every request, so it is served from a cache that every change evicts.
   */
  tokenState(id: string): Promise<UserTokenState | null> {
    return this.tokenStates.get(id, async () => {
      const user = await this.users.findOne({
        where: { id },
        select: { role: true, tokenVersion: true, disabled: true },
      });
      return user && !user.disabled ? { role: user.role, tokenVersion: user.tokenVersion } : null;
    });
  }

  /** Whether a grant made at `tokenVersion` still holds: the user exists, is enabled, unchanged. */
  async isTokenVersionCurrent(id: string, tokenVersion: number): Promise<boolean> {
    return (await this.tokenState(id))?.tokenVersion === tokenVersion;
  }

  /**
   * The recovery path for a lost password (the CLI): a new hash, and every token and refresh grant
   * of the account ends, on every instance.
   */
  async setPassword(username: string, password: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ usernameKey: usernameKey(username) });
    if (!user) throw new NotFoundException('User not found');
    const passwordHash = await this.hasher.hash(password);
    await this.users.update(
      { id: user.id },
      { passwordHash, tokenVersion: () => '"tokenVersion" + 1' },
    );
    await this.tokenStates.invalidate(user.id);
    return this.findById(user.id);
  }

  /** Creates the bootstrap admin unless an account (even a deleted one) already has the name. */
  async ensureAdmin(username: string, password: string): Promise<void> {
    const existing = await this.users.findOne({
      where: { usernameKey: usernameKey(username) },
      withDeleted: true,
    });
    if (existing) return;
    try {
      await this.create({ username, password, role: 'admin' });
      this.logger.log(`Created the admin account "${username}"`);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
  }
}
