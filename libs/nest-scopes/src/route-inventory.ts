import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { RouteAccess, RouteAccessReader } from './route-access';

export interface RouteInfo extends RouteAccess {
  /** e.g. `GET /items/:id` */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  /** Marked @ApiExcludeEndpoint(). */
  readonly undocumented: boolean;
}

/** Where @nestjs/swagger keeps @ApiExcludeEndpoint() (its constants are not exported). */
const API_EXCLUDE_ENDPOINT = 'swagger/apiExcludeEndpoint';

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every route the application serves through a controller, with what its decorators demand, read
 * from the running application: the route tests and the scope matrix use it.
 */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const access = app.get(RouteAccessReader);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string;
      const prototype = controller.prototype as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const fullPath = join(prefix, path);
        routes.push({
          key: `${method} ${fullPath}`,
          method,
          path: fullPath,
          undocumented: Reflect.getMetadata(API_EXCLUDE_ENDPOINT, handler) !== undefined,
          ...access.forHandler(handler, controller),
        });
      }
    }
  }
  return routes;
}
