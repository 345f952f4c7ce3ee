import { site } from "@/lib/site";

const LONG = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: site.timeZone });

export function OrderDate({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{LONG.format(date)}</time>;
}
