import { site } from "@/lib/site";

// The zone is named: a merchant reading the desk from elsewhere must not take the store's hour for theirs.
const SHORT = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: site.timeZone,
  timeZoneName: "short",
});

/** A date and time in the store's time zone, as the desk shows when something happened. */
export function DeskDate({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{SHORT.format(date)}</time>;
}
