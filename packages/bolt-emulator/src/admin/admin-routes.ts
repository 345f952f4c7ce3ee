import * as z from "zod";
import { JsonHttpError } from "../http/errors";
import { empty, json, type ApiRequest, type Reply } from "../http/reply";
import type { Handler, Route } from "../http/router";
import { parseJsonBody, parseWith, queryObject } from "../http/validate";
import { createState, type Emulator, type EmulatorState } from "../state";
import { NO_WEBHOOK_FAULTS, WebhookFaultsSchema } from "../webhooks/webhook-faults";
import { FaultRuleSchema } from "./fault-rule";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** Admin hooks answer only to the machine itself: a storefront on the network must not be able to reset state. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

const badRequest = (message: string) => new JsonHttpError(400, { error: "invalid_request", message });

const RequestsQuery = z.object({
  email: z.string().optional(),
  path: z.string().optional(),
  grant_type: z.string().optional(),
  trace_id: z.string().optional(),
});

const LifetimesBody = z.strictObject({
  email: z.email(),
  accessTokenTtlSeconds: z.int().min(0).optional(),
  refreshTokenTtlSeconds: z.int().min(0).optional(),
  codeTtlSeconds: z.int().min(0).optional(),
});

const OrdersQuery = z.object({ email: z.string().optional(), order_reference: z.string().optional() });

const DeliveriesQuery = z.object({
  reference: z.string().optional(),
  type: z.string().optional(),
  order_reference: z.string().optional(),
});

function listRequests(request: ApiRequest, emulator: Emulator): Reply {
  const query = parseWith(RequestsQuery, queryObject(request.query), badRequest);
  return json(200, {
    requests: emulator.state.log.list({
      email: query.email,
      path: query.path,
      grantType: query.grant_type,
      traceId: query.trace_id,
    }),
  });
}

function addFault(request: ApiRequest, emulator: Emulator): Reply {
  const rule = parseJsonBody(FaultRuleSchema, request.body, badRequest);
  return json(201, { id: emulator.state.faults.add(rule) });
}

/** While a rule stands: how many more requests it applies to (null: every one). 404 once spent or removed. */
function getFault(request: ApiRequest, emulator: Emulator): Reply {
  const rule = emulator.state.faults.get(request.params.id ?? "");
  if (!rule) throw new JsonHttpError(404, { error: "not_found", message: "No such fault." });
  return json(200, { id: rule.id, remaining: Number.isFinite(rule.remaining) ? rule.remaining : null });
}

function removeFault(request: ApiRequest, emulator: Emulator): Reply {
  if (!emulator.state.faults.remove(request.params.id ?? ""))
    throw new JsonHttpError(404, { error: "not_found", message: "No such fault." });
  return empty();
}

function setLifetimes(request: ApiRequest, emulator: Emulator): Reply {
  const { email, ...override } = parseJsonBody(LifetimesBody, request.body, badRequest);
  emulator.state.lifetimes.set(email, override);
  return json(200, { email: email.toLowerCase(), ...emulator.state.lifetimes.for(email, emulator.settings) });
}

function listOrders(request: ApiRequest, emulator: Emulator): Reply {
  const query = parseWith(OrdersQuery, queryObject(request.query), badRequest);
  const orders = emulator.state.transactions.orders({
    email: query.email?.toLowerCase(),
    orderReference: query.order_reference,
  });
  return json(200, { orders });
}

function listDeliveries(request: ApiRequest, emulator: Emulator): Reply {
  const query = parseWith(DeliveriesQuery, queryObject(request.query), badRequest);
  const { reference, type, order_reference: orderReference } = query;
  return json(200, { deliveries: emulator.state.webhooks.log.list({ reference, type, orderReference }) });
}

function setWebhookFaults(request: ApiRequest, emulator: Emulator): Reply {
  const faults = parseJsonBody(WebhookFaultsSchema, request.body, badRequest);
  emulator.state.webhooks.setFaults(faults);
  return json(200, faults);
}

function clearing(clear: (state: EmulatorState) => void): Handler {
  return (_request, emulator) => {
    clear(emulator.state);
    return empty();
  };
}

function reset(_request: ApiRequest, emulator: Emulator): Reply {
  // Back to the seeds: faults from BOLT_EMULATOR_FAULTS come back too, admin-added ones go, and so do
  // pending webhook deliveries.
  emulator.state.webhooks.stop();
  emulator.state = createState(emulator.settings);
  return json(200, { reset: true });
}

export const adminRoutes: Route[] = [
  { method: "GET", pattern: "/__emulator/requests", kind: "admin", handler: listRequests },
  { method: "DELETE", pattern: "/__emulator/requests", kind: "admin", handler: clearing((state) => state.log.clear()) },
  { method: "POST", pattern: "/__emulator/faults", kind: "admin", handler: addFault },
  { method: "GET", pattern: "/__emulator/faults/:id", kind: "admin", handler: getFault },
  { method: "DELETE", pattern: "/__emulator/faults/:id", kind: "admin", handler: removeFault },
  {
    method: "DELETE",
    pattern: "/__emulator/faults",
    kind: "admin",
    handler: clearing((state) => state.faults.clear()),
  },
  { method: "POST", pattern: "/__emulator/lifetimes", kind: "admin", handler: setLifetimes },
  { method: "GET", pattern: "/__emulator/orders", kind: "admin", handler: listOrders },
  { method: "GET", pattern: "/__emulator/webhooks", kind: "admin", handler: listDeliveries },
  {
    method: "DELETE",
    pattern: "/__emulator/webhooks",
    kind: "admin",
    handler: clearing((state) => state.webhooks.log.clear()),
  },
  { method: "POST", pattern: "/__emulator/webhooks/faults", kind: "admin", handler: setWebhookFaults },
  {
    method: "DELETE",
    pattern: "/__emulator/webhooks/faults",
    kind: "admin",
    handler: clearing((state) => state.webhooks.setFaults(NO_WEBHOOK_FAULTS)),
  },
  { method: "POST", pattern: "/__emulator/reset", kind: "admin", handler: reset },
];
