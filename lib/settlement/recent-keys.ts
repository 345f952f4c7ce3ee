/**
 * The newest `capacity` keys added, oldest forgotten first: a set that stays the same size however
 * long the process runs.
 */
export function recentKeys(capacity: number) {
  const keys = new Set<string>();
  return {
    has: (key: string) => keys.has(key),
    add(key: string): void {
      keys.delete(key);
      keys.add(key);
      if (keys.size > capacity) keys.delete(keys.values().next().value!);
    },
  };
}
