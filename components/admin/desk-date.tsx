import { site } from "@/lib/site";

const SHORT = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: site.timeZone,
});

/** A date and time in the store's time zone, as the desk shows when something happened. */
export function DeskDate({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{SHORT.format(date)}</time>;
}
