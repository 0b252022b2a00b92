import type { Router } from 'express';

/**
 * `METHOD path` of every route a router mounts, read from Express' own router stack (paths below
 * their mount point), so tests can hold a list of routes against what really answers.
 */
export function mountedRoutes(router: Router): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`)
        : layer.handle?.stack
          ? walk(layer.handle.stack)
          : [],
    );
  return walk((router as unknown as { stack: Layer[] }).stack);
}
