/** Next bundles the proxy, route handlers and pages apart, each with its own module state; `globalThis` is shared. */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`bolt-storefront.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  store[key] ??= create();
  return store[key];
}
