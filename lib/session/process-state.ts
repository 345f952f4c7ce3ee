/**
 * One value per Node process, shared by every bundle. Next compiles `proxy.ts`, route handlers and
 * pages into separate bundles with separate module instances, so a plain module-level `Map` would
 * exist once per bundle: the proxy's refresh single-flight and the route's logout denylist must be
 * the same objects. `globalThis` is the one thing they share.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`bolt-storefront.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  store[key] ??= create();
  return store[key];
}
