import { after } from "next/server";
import { receiveBoltWebhook, webhookMethodNotAllowed } from "@/lib/settlement";
import { traceWebhook } from "@/lib/telemetry/spans";

// `after` re-reads the payment from Bolt once Bolt has its answer.
export const POST = (request: Request) => traceWebhook(() => receiveBoltWebhook(request, after));

export const GET = webhookMethodNotAllowed;
export const HEAD = webhookMethodNotAllowed;
export const PUT = webhookMethodNotAllowed;
export const PATCH = webhookMethodNotAllowed;
export const DELETE = webhookMethodNotAllowed;
