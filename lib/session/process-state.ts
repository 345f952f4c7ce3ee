/** Next bundles the proxy, route handlers and pages apart, each with its own module state; `globalThis` is shared. */
export function processSingleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  store[keyOf(name)] ??= create();
  return store[keyOf(name)] as T;
}

/** The singleton if some bundle made it, without making it. */
export function existingSingleton<T>(name: string): T | undefined {
  return (globalThis as unknown as Record<symbol, T | undefined>)[keyOf(name)];
}

const keyOf = (name: string) => Symbol.for(`bolt-storefront.${name}`);
