import { receiveBoltWebhook, rereadSoon, webhookMethodNotAllowed } from "@/lib/settlement";
import { traceWebhook } from "@/lib/telemetry/spans";

export const POST = (request: Request) => traceWebhook(() => receiveBoltWebhook(request, { rereadSoon }));

export const GET = webhookMethodNotAllowed;
export const HEAD = webhookMethodNotAllowed;
export const PUT = webhookMethodNotAllowed;
export const PATCH = webhookMethodNotAllowed;
export const DELETE = webhookMethodNotAllowed;
