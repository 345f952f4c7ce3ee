import type { EmulatorSettings } from "../config";
import { normalizeEmail } from "./shoppers";

export type LifetimeOverride = {
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  codeTtlSeconds?: number;
};

export type ResolvedLifetimes = Required<LifetimeOverride>;

/** Per-shopper lifetimes, so one test can get 5-second access tokens without touching parallel tests. */
export class LifetimeOverrides {
  private readonly byEmail = new Map<string, LifetimeOverride>();

  set(email: string, override: LifetimeOverride): void {
    const key = normalizeEmail(email);
    this.byEmail.set(key, { ...this.byEmail.get(key), ...override });
  }

  for(email: string, settings: EmulatorSettings): ResolvedLifetimes {
    const override = this.byEmail.get(normalizeEmail(email)) ?? {};
    return {
      accessTokenTtlSeconds: override.accessTokenTtlSeconds ?? settings.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: override.refreshTokenTtlSeconds ?? settings.refreshTokenTtlSeconds,
      codeTtlSeconds: override.codeTtlSeconds ?? settings.codeTtlSeconds,
    };
  }
}
