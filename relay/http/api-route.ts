import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete';

/** A success answer: its body schema, or none for a redirect. */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
}

/**
 * One HTTP route as the relay mounts it and as GET /api/v1/openapi.json describes it: the router
 * mounts `method` and `path` from here, so the document cannot describe a route other than the
 * one that answers. The role it needs is not declared here but read from relay/access/route-policy.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** Express path below the route's mount point, `:name` for a path parameter. */
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Readonly<Record<number, RouteResponse>>;
  /** Client errors this route answers besides those every route can give; the value says when. */
  errors?: Readonly<Record<number, string>>;
}

export function mountRoute(router: Router, route: ApiRoute, ...handlers: RequestHandler[]): void {
  router[route.method](route.path, ...handlers);
}
