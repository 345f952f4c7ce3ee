import { BoltApiError, deleteWebhook, listWebhooks, registerWebhook, type Webhook } from "@/lib/bolt";
import { getEnv } from "@/lib/env";
import { webhookUrlFor } from "@/lib/settlement/webhook-url";

// `npm run bolt -- webhooks register|list|delete <id>`: where Bolt sends this store's webhooks, read
// and changed through Bolt's API with the store's own keys (the same environment as the app).

export type CommandResult = { ok: boolean; lines: string[] };

const LOOPBACK = /^https?:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?\//;

/** The URL Bolt should call for this store: APP_ORIGIN's, else localhost:PORT. */
export function storeWebhookUrl(port = process.env.PORT): string {
  return webhookUrlFor(getEnv().appOrigin, port);
}

function describe(webhook: Webhook, ours: string): string {
  const events = webhook.events ? webhook.events.join(", ") : "every event";
  const created = new Date(webhook.createdAt).toISOString().slice(0, 10);
  return `  ${webhook.id}  ${webhook.url}  (${events}; since ${created})${webhook.url === ours ? "  ← this store" : ""}`;
}

export async function listCommand(): Promise<CommandResult> {
  const ours = storeWebhookUrl();
  const webhooks = await listWebhooks();
  const { boltApiUrl } = getEnv();
  if (webhooks.length === 0) {
    return {
      ok: true,
      lines: [
        `No webhooks are registered at ${boltApiUrl}.`,
        `Register this store's: npm run bolt -- webhooks register`,
      ],
    };
  }
  const lines = [`Webhooks registered at ${boltApiUrl}:`, ...webhooks.map((webhook) => describe(webhook, ours))];
  if (!webhooks.some((webhook) => webhook.url === ours)) {
    lines.push("", `This store's URL (${ours}) is not among them: npm run bolt -- webhooks register`);
  }
  return { ok: true, lines };
}

/** Registers the store's URL for every event, unless it is registered already. */
export async function registerCommand(): Promise<CommandResult> {
  const url = storeWebhookUrl();
  const { boltApiUrl } = getEnv();
  if (LOOPBACK.test(url) && !LOOPBACK.test(`${boltApiUrl}/`)) {
    return {
      ok: false,
      lines: [
        `${url} is this machine: ${boltApiUrl} cannot reach it.`,
        "Set APP_ORIGIN to a public https origin (a deployment, or a tunnel to this machine) and run this again;",
        "until then the reconciler brings the orders up to date with Bolt.",
      ],
    };
  }
  const existing = (await listWebhooks()).filter((webhook) => webhook.url === url);
  const complete = existing.find((webhook) => !webhook.events);
  if (complete) return { ok: true, lines: [`${url} is already registered for every event (${complete.id}).`] };
  try {
    const id = await registerWebhook(url);
    return { ok: true, lines: [`Registered ${url} at ${boltApiUrl} for every event (${id}).`] };
  } catch (error) {
    if (!(error instanceof BoltApiError) || error.status !== 422) throw error;
    const ids = existing.map((webhook) => webhook.id).join(", ");
    return {
      ok: false,
      lines: [
        `Bolt refused it: ${error.detail ?? error.message}`,
        ...(ids
          ? [`${url} is registered for some events (${ids}): delete it first, npm run bolt -- webhooks delete <id>`]
          : []),
      ],
    };
  }
}

export async function deleteCommand(id: string | undefined): Promise<CommandResult> {
  if (!id)
    return {
      ok: false,
      lines: ["Name the webhook: npm run bolt -- webhooks delete <id> (see npm run bolt -- webhooks list)"],
    };
  await deleteWebhook(id);
  return { ok: true, lines: [`Deleted ${id} at ${getEnv().boltApiUrl}.`] };
}
