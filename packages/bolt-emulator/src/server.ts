import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { isLoopbackAddress } from "./admin/admin-routes";
import { settingsFromEnv, type EmulatorEnv, type EmulatorSettings } from "./config";
import { resolveConcern } from "./http/concern";
import { BoltApiError, ErrorCodes, JsonHttpError, OAuthError } from "./http/errors";
import { faultReply } from "./http/fault-reply";
import { holdIdempotencyKey } from "./http/idempotency";
import { headerValue, json, type ApiRequest, type Reply } from "./http/reply";
import { kindOfPath, matchRoute, type Route } from "./http/router";
import { createIdTokenSigner } from "./oauth/id-token";
import { NO_STORE } from "./oauth/token-route";
import { answersOf } from "./profile";
import { routes } from "./routes";
import { assetsOrigin, notOnAssetsOrigin, servedByAssetsOrigin } from "./connect/assets-origin";
import { createState, type Emulator } from "./state";
import { hexToken } from "./ids";

export type StartOptions = {
  /** 0 picks a free port (tests). Defaults to BOLT_EMULATOR_PORT, else 4010. */
  port?: number;
  publicUrl?: string;
  /** Environment-style settings (`BOLT_EMULATOR_*`); tests pass their own, `main.ts` passes `process.env`. */
  env?: EmulatorEnv;
};

export type RunningEmulator = {
  url: string;
  /** The sandbox profile's second origin (the login modal's), on another port; undefined in the spec profile. */
  assetsUrl: string | undefined;
  settings: EmulatorSettings;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {
  constructor() {
    super("Request body too large.");
    this.name = "BodyTooLargeError";
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLargeError());
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function boltError(status: number, code: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { result: { success: false }, errors: [{ code, message }] }, headers);
}

function errorReply(error: unknown): Reply {
  if (error instanceof OAuthError)
    return json(error.status, { error: error.error, error_description: error.description }, NO_STORE);
  if (error instanceof BoltApiError) return boltError(error.status, error.code, error.message, error.headers);
  if (error instanceof JsonHttpError) return json(error.status, error.body);
  if (error instanceof BodyTooLargeError) return boltError(413, ErrorCodes.invalidInput, error.message);
  console.error("[bolt-emulator] unexpected error:", error instanceof Error ? error.stack : error);
  return boltError(500, 0, "Internal emulator error.");
}

function corsPreflight(): Reply {
  return {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, OPTIONS",
      "Access-Control-Allow-Headers": "X-Publishable-Key, Content-Type",
      "Access-Control-Max-Age": "600",
    },
  };
}

function write(res: ServerResponse, reply: Reply, cors: boolean): void {
  const headers: Record<string, string> = { "X-Content-Type-Options": "nosniff", ...reply.headers };
  if (cors) headers["Access-Control-Allow-Origin"] = "*";
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

type Pending = Set<ServerResponse>;

async function handle(req: IncomingMessage, res: ServerResponse, emulator: Emulator, hanging: Pending): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const path = url.pathname;
  const match = matchRoute(routes, method, path);
  const kind = match.route?.kind ?? kindOfPath(path);
  const cors = routes.some((route: Route) => route.cors && route.pattern === path);

  if (kind === "admin" && !isLoopbackAddress(req.socket.remoteAddress)) {
    return write(
      res,
      json(403, { error: "forbidden", message: "Admin endpoints answer only to loopback clients." }),
      false,
    );
  }
  if (method === "OPTIONS" && cors) return write(res, corsPreflight(), false);

  const request: ApiRequest = {
    method,
    path,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.alloc(0),
    params: match.route ? match.params : {},
    concern: {},
  };
  const state = emulator.state;
  // Every answer of Bolt's API carries a trace id, which Bolt support asks for; the log keeps it so a
  // test can find the request a storefront logged.
  const traceId = hexToken(16);
  const nonce = headerValue(req.headers, "x-nonce")?.slice(0, 200);
  const log = (status: number) => {
    if (kind !== "api") return;
    state.log.add({
      at: new Date().toISOString(),
      method,
      path,
      status,
      durationMs: Math.round(performance.now() - started),
      ...(request.concern.shopper ? { shopper: request.concern.shopper } : {}),
      ...(request.concern.grantType ? { grantType: request.concern.grantType } : {}),
      traceId,
      ...(nonce ? { nonce } : {}),
    });
  };

  let reply: Reply;
  let release: (() => void) | undefined;
  try {
    request.body = await readBody(req);
    if (kind === "api") resolveConcern(request, emulator);
    // Before any latency, so that a fault holding this request open keeps its key in flight.
    if (match.route?.idempotent) release = holdIdempotencyKey(request, state.idempotency);
    const fault = kind === "admin" ? undefined : state.faults.take({ method, path, shopper: request.concern.shopper });
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (fault?.hang) {
      // Never answer; the socket is destroyed when the client gives up or the emulator closes.
      hanging.add(res);
      res.on("close", () => {
        release?.();
        hanging.delete(res);
        log(0);
      });
      return;
    }
    if (fault && (fault.status !== undefined || fault.body !== undefined)) reply = faultReply(fault, path);
    else if (match.route) reply = await match.route.handler(request, emulator);
    else if (match.allowed.length)
      reply = boltError(405, ErrorCodes.invalidInput, `Method ${method} is not allowed on ${path}.`);
    else reply = boltError(404, ErrorCodes.notFound, `The Bolt emulator does not serve ${method} ${path}.`);
  } catch (error) {
    reply = errorReply(error);
  }
  release?.();
  if (res.destroyed) return;
  if (kind === "api") reply = { ...reply, headers: { ...reply.headers, "X-Bolt-Trace-Id": traceId } };
  write(res, reply, cors);
  log(reply.status);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // No host: all interfaces, IPv6 and IPv4, like `next start`, so `localhost` works either way.
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the Bolt emulator in this process and answers once it is listening. */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const fromEnv = settingsFromEnv(options.env ?? {});
  const settings: EmulatorSettings = {
    ...fromEnv,
    port: options.port ?? fromEnv.port,
    publicUrl: options.publicUrl?.replace(/\/+$/, "") ?? fromEnv.publicUrl,
  };
  const emulator: Emulator = {
    settings,
    issuer: "",
    assetsPort: undefined,
    signer: await createIdTokenSigner(),
    state: createState(settings),
  };
  const hanging: Pending = new Set();
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, emulator, hanging).catch((error: unknown) => {
      if (!res.headersSent) write(res, errorReply(error), false);
      else res.destroy();
    });
  };
  const server = createServer(serve);
  await listen(server, settings.port);
  const { port } = server.address() as AddressInfo;
  emulator.issuer = settings.publicUrl ?? `http://localhost:${port}`;
  const servers = [server];
  if (answersOf(settings.profile).assetsOrigin) {
    const assets = createServer((req, res) => {
      if (servedByAssetsOrigin(req.url)) serve(req, res);
      else write(res, notOnAssetsOrigin(), false);
    });
    try {
      await listen(assets, settings.assetsPort ?? (settings.port === 0 ? 0 : port + 1));
    } catch (error) {
      await closeServer(server);
      throw error;
    }
    emulator.assetsPort = (assets.address() as AddressInfo).port;
    servers.push(assets);
  }
  return {
    url: emulator.issuer,
    assetsUrl: emulator.assetsPort === undefined ? undefined : assetsOrigin(emulator.issuer, emulator.assetsPort),
    settings: { ...settings, port, assetsPort: emulator.assetsPort },
    close: async () => {
      emulator.state.webhooks.stop();
      for (const res of hanging) res.destroy();
      await Promise.all(servers.map(closeServer));
    },
  };
}
