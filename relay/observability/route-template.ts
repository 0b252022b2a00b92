import type { Request } from 'express';

/**
 * The route a request matched as declared (`/api/v1/drawings/:id`), never its raw URL, so a
 * metric label has one value per route, not one per drawing id or probing scanner. Requests no
 * route answered (refused by a guard, unknown paths, the app's static files) share one value.
 */
export function routeTemplate(req: Request): string {
  const declared: unknown = req.route?.path;
  return typeof declared === 'string' ? `${req.baseUrl}${declared}` : '(no route)';
}
