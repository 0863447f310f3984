import { Server } from './processes';
import { RatioSpec } from './ratios';
import { RouteUnderTest, Target } from './rounds';
import { RouteKey, Seeded } from './seed';

/** The servers of one run; the optional ones are skipped where their software is missing. */
export const SCOPEGATE = 'scopegate';
export const SCOPEGATE_QUIET = 'scopegate, LOG_LEVEL=warn';
export const SCOPEGATE_POSTGRES = 'scopegate, PostgreSQL + Redis';
export const BASELINE = 'bare baseline';
export const FASTAPI = 'FastAPI peer';

export const ITEMS = 'GET /items/:id';
export const ME = 'GET /users/me';
export const ORDERS = 'GET /orders (20 orders)';

/** A scopegate instance and what its seeding gave it. */
export type SeededServer = { server: Server } & Seeded;

export interface Contenders {
  scopegate: SeededServer;
  quiet: SeededServer;
  postgres?: SeededServer;
  baseline: Server;
  fastapi?: Server;
}

/**
 * Which server runs which route. The baseline and the peer are asked what the first instance is
 * asked, with its token (one key signs for every instance), and answer with its bodies.
 */
export function routesUnderTest(contenders: Contenders): RouteUnderTest[] {
  const { scopegate, quiet, postgres, baseline, fastapi } = contenders;
  const own = (name: string, key: RouteKey, instance: SeededServer): Target => ({
    name,
    server: instance.server,
    path: instance.paths[key],
    token: instance.token,
  });
  const askedAsScopegate = (name: string, key: RouteKey, server: Server): Target => ({
    ...own(name, key, scopegate),
    server,
  });
  const compared = (key: RouteKey) => [
    own(SCOPEGATE, key, scopegate),
    askedAsScopegate(BASELINE, key, baseline),
    ...(fastapi ? [askedAsScopegate(FASTAPI, key, fastapi)] : []),
  ];
  return [
    {
      name: ITEMS,
      targets: [
        ...compared('item'),
        own(SCOPEGATE_QUIET, 'item', quiet),
        ...(postgres ? [own(SCOPEGATE_POSTGRES, 'item', postgres)] : []),
      ],
    },
    { name: ME, targets: [...compared('me'), own(SCOPEGATE_QUIET, 'me', quiet)] },
    { name: ORDERS, targets: compared('orders') },
  ];
}

/** The ratios the performance goals are set on, and the cost of logging (info over warn). */
export const RATIO_SPECS: RatioSpec[] = [
  ...[ITEMS, ME].flatMap((route) => [
    { route, of: SCOPEGATE, to: BASELINE },
    { route, of: SCOPEGATE, to: FASTAPI },
    { route, of: SCOPEGATE, to: SCOPEGATE_QUIET },
  ]),
  { route: ORDERS, of: SCOPEGATE, to: BASELINE },
  { route: ORDERS, of: SCOPEGATE, to: FASTAPI },
  { route: ITEMS, of: SCOPEGATE_POSTGRES, to: BASELINE },
];
