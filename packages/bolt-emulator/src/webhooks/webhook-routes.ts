import * as z from "zod";
import { requireApiKey } from "../http/credentials";
import { BoltApiError, ErrorCodes, notFound } from "../http/errors";
import { empty, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody, parseWith, queryObject } from "../http/validate";
import type { Emulator } from "../state";
import { WEBHOOK_EVENTS } from "./events";
import { webhookView } from "./registry";

const badRequest = (message: string) => new BoltApiError(400, ErrorCodes.invalidInput, message);

const HookUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048);

/** Bolt's `event_group_create_webhook` or `events_array_create_webhook`: one of the two. */
const CreateWebhook = z
  .looseObject({
    division_id: z.string().min(1),
    url: HookUrl,
    event_group: z.literal("all").nullable().optional(),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
  })
  .refine((body) => (body.event_group === "all") !== (body.events !== undefined), {
    error: 'give either event_group "all" or a list of events',
  });

const DivisionQuery = z.object({ division_id: z.string().min(1, { error: "required" }) });

/** Webhooks belong to a division: the emulator has one, the merchant's. */
function checkDivision(divisionId: string, emulator: Emulator): void {
  if (divisionId !== emulator.settings.divisionId) {
    throw new BoltApiError(403, ErrorCodes.forbidden, "This action is forbidden: not your division.");
  }
}

/** `POST /v1/webhooks`: 200 `{ webhook_id }`; a URL that would get an event twice is the documented 422. */
function createWebhook(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const body = parseJsonBody(CreateWebhook, request.body, badRequest);
  checkDivision(body.division_id, emulator);
  const registration = emulator.state.webhooks.registry.add(body.url, body.events ?? null);
  if (!registration) {
    throw new BoltApiError(
      422,
      ErrorCodes.alreadyExists,
      "A webhook already sends these events to this URL: duplicate notifications are not allowed.",
    );
  }
  return json(200, { webhook_id: registration.id });
}

/** `GET /v1/webhooks?division_id=`. */
function listWebhooks(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const { division_id } = parseWith(DivisionQuery, queryObject(request.query), badRequest);
  checkDivision(division_id, emulator);
  return json(200, { webhooks: emulator.state.webhooks.registry.list().map(webhookView) });
}

function getWebhook(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const registration = emulator.state.webhooks.registry.get(request.params.id ?? "");
  if (!registration) throw notFound("No such webhook.");
  return json(200, webhookView(registration));
}

function deleteWebhook(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  if (!emulator.state.webhooks.registry.remove(request.params.id ?? "")) throw notFound("No such webhook.");
  return empty();
}

export const webhookRoutes: Route[] = [
  { method: "POST", pattern: "/v1/webhooks", kind: "api", handler: createWebhook },
  { method: "GET", pattern: "/v1/webhooks", kind: "api", handler: listWebhooks },
  { method: "GET", pattern: "/v1/webhooks/:id", kind: "api", handler: getWebhook },
  { method: "DELETE", pattern: "/v1/webhooks/:id", kind: "api", handler: deleteWebhook },
];
