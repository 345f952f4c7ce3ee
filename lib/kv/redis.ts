import { createClient } from "redis";
import { inSpan, SpanKind } from "@/lib/telemetry/spans";
import { KvUnavailableError, type Kv } from "./types";

/** So the storefront can share a Redis with other apps. */
const PREFIX = "bolt-storefront:";

/** One round trip: add one, start the expiry on the first increment, report what is left of it. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/**
 * Every call gives up after `timeoutMs`, so a slow Redis costs a request that much and no more: nothing
 * is queued while disconnected, and the client reconnects in the background.
 */
export class RedisKv implements Kv {
  readonly kind = "redis";
  private readonly client;
  private firstReady: Promise<unknown> | undefined;
  private wasReady = false;

  constructor(
    url: string,
    private readonly timeoutMs: number,
    onError: (error: Error) => void,
  ) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(1000, timeoutMs),
        // Forever, so Redis coming back is picked up without a restart.
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
      },
    });
    // Without a listener, node's EventEmitter would throw the error and end the process.
    this.client.on("error", onError);
    this.client.on("ready", () => (this.wasReady = true));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.call("SET", (client) =>
      client.set(PREFIX + key, value, { condition: "NX", expiration: { type: "PX", value: Math.ceil(ttlMs) } }),
    );
    return reply === "OK";
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.call("GET", (client) => client.get(PREFIX + key))) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.call("DEL", (client) => client.del(PREFIX + key));
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }> {
    const reply = await this.call("INCR", (client) =>
      client.eval(INCREMENT, { keys: [PREFIX + key], arguments: [String(Math.ceil(ttlMs))] }),
    );
    const [count, resetInMs] = Array.isArray(reply) ? reply.map(Number) : [];
    if (!Number.isInteger(count) || !Number.isFinite(resetInMs)) {
      throw new KvUnavailableError("Redis answered the counter script with an unexpected reply");
    }
    return { count: count as number, resetInMs: resetInMs as number };
  }

  async close(): Promise<void> {
    if (this.client.isOpen) this.client.destroy();
  }

  /** One span of the request's trace per command: its name, never its key or value. */
  private call<T>(name: string, command: (client: typeof this.client) => Promise<T>): Promise<T> {
    const attributes = { "db.system.name": "redis", "db.operation.name": name };
    return inSpan(`redis ${name}`, { kind: SpanKind.CLIENT, attributes }, () => this.timed(name, command));
  }

  private async timed<T>(name: string, command: (client: typeof this.client) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new KvUnavailableError(`Redis ${name} took longer than ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.ready().then(() => command(this.client)), timeout]);
    } catch (error) {
      if (error instanceof KvUnavailableError) throw error;
      throw new KvUnavailableError(`Redis ${name} failed: ${error instanceof Error ? error.message : "unknown"}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** After a lost connection calls fail at once, so an outage doesn't cost every request the timeout. */
  private ready(): Promise<unknown> {
    if (this.client.isReady) return Promise.resolve();
    if (!this.client.isOpen) {
      this.firstReady = this.client.connect();
      this.firstReady.catch(() => undefined);
    }
    if (this.wasReady) return Promise.reject(new KvUnavailableError("Redis is disconnected (reconnecting)"));
    return this.firstReady ?? Promise.reject(new KvUnavailableError("Redis is not connected"));
  }
}
