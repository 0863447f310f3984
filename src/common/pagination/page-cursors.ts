import { BadRequestException } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Where a keyset page starts: just after the record with this `createdAt` and `id`. `createdAt` is
 * the database's own text of the value: PostgreSQL keeps microseconds, which a JavaScript Date
 * would drop, and the next page would then repeat or skip records.
 */
export interface PagePosition {
  readonly createdAt: string;
  readonly id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 128 bits of HMAC-SHA256: a guess succeeds with probability 2^-128. */
const MAC_BYTES = 16;

const refused = () =>
  new BadRequestException('after is not a cursor of this list: use the `next` of its last page');

/**
 * The opaque `after` / `next` cursors: a position, signed with a key that every instance sharing
 * the token signing key derives alike. The signature also names the list (and whose orders), so a
 * cursor is refused anywhere but the list that made it, and a garbled or edited one is refused
 * rather than read as some other position.
 */
export class PageCursors {
  constructor(private readonly key: Buffer) {}

  encode(list: string, { createdAt, id }: PagePosition): string {
    const payload = Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
    return `${payload}.${this.mac(list, payload)}`;
  }

  /** The position a cursor names; 400 unless this list signed it. */
  decode(list: string, cursor: string): PagePosition {
    const [payload, mac, ...rest] = cursor.split('.');
    const expected = Buffer.from(this.mac(list, payload));
    const given = Buffer.from(mac ?? '');
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw refused();
    }
    // Checked again though signed: a malformed position would reach SQL and fail there as a 500.
    const position: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      !Array.isArray(position) ||
      position.length !== 2 ||
      typeof position[0] !== 'string' ||
      typeof position[1] !== 'string' ||
      !TIMESTAMP.test(position[0]) ||
      !UUID.test(position[1])
    ) {
      throw refused();
    }
    return { createdAt: position[0], id: position[1] };
  }

  private mac(list: string, payload: string): string {
    return createHmac('sha256', this.key)
      .update(`${list}\n${payload}`)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url');
  }
}
