import { isOrderId } from "@/lib/ledger/order-id";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/ledger/status";

/** The desk list's address: `?status=&q=&before=|after=`, and `?events=` for older unmatched events. */
export type ListQuery = {
  status?: OrderStatus;
  search?: string;
  before?: string;
  after?: string;
  eventsBefore?: number;
};

type Params = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** What the address asks for; anything malformed is left out rather than refused. */
export function readListQuery(params: Params): ListQuery {
  const status = one(params.status);
  const search = one(params.q)?.trim().slice(0, 254);
  const before = one(params.before);
  const after = one(params.after);
  const events = Number(one(params.events));
  return {
    ...((ORDER_STATUSES as readonly string[]).includes(status ?? "") ? { status: status as OrderStatus } : {}),
    ...(search ? { search } : {}),
    ...(isOrderId(before) ? { before } : isOrderId(after) ? { after } : {}),
    ...(Number.isSafeInteger(events) && events > 0 ? { eventsBefore: events } : {}),
  };
}

export function listHref(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.search) params.set("q", query.search);
  if (query.before) params.set("before", query.before);
  else if (query.after) params.set("after", query.after);
  if (query.eventsBefore) params.set("events", String(query.eventsBefore));
  const text = params.toString();
  return text ? `/admin?${text}` : "/admin";
}
