// The hosts Bolt's browser pieces come from, for the CSP. Bolt serves them from more hosts than
// embed.js's, and is moving from bolt.com to boltapp.com, so a page allows both domains:
//
//   host                              serves                                       directives
//   connect(-sandbox).bolt(app).com   embed.js, the card field and checkbox frames  script frame connect img
//   account(-sandbox).bolt(app).com   the login modal, login status, Bolt's mark    script frame connect img
//   api(-sandbox).bolt(app).com       the account check embed.js makes              connect
//   img.bolt.com, img.boltapp.com     images in Bolt's components                   img
//   sessions/notify.bugsnag.com       embed.js's error reports                      connect
//
// Sources: Bolt's Magento 2 plugin (etc/csp_whitelist.xml: the connect and account hosts in script-src,
// frame-src and connect-src, sessions.bugsnag.com in connect-src; Helper/Config.php and PR #1973 for
// boltapp.com), Bolt's PWA Kit README (its CSP step: *.bolt.com in img-src, script-src, connect-src and
// frame-src, *.bugsnag.com), Bolt's Salesforce cartridge (boltAccountURL: account(-sandbox).bolt.com).
// `img.boltapp.com` and `notify.bugsnag.com` follow the same move and Bugsnag's notifier: no source names them.
//
// The configured origins are always allowed, so the emulator works as Bolt does; the list joins them
// when they point at Bolt.

export type BoltEnvironment = "sandbox" | "production";

export type BoltOrigins = { connect: string; account: string; api: string };

export type BoltDirective = "script" | "frame" | "img" | "connect";

/** Without `'self'` and the like. */
export type BoltSources = Record<BoltDirective, string[]>;

const DOMAINS = ["bolt.com", "boltapp.com"] as const;

const EVERYWHERE: readonly BoltDirective[] = ["script", "frame", "connect", "img"];

/** Sub-domains that take `-sandbox` in Bolt's sandbox. */
const PER_ENVIRONMENT: Record<string, readonly BoltDirective[]> = {
  connect: EVERYWHERE,
  account: EVERYWHERE,
  api: ["connect"],
};

const SHARED: Record<string, readonly BoltDirective[]> = {
  "https://img.bolt.com": ["img"],
  "https://img.boltapp.com": ["img"],
  "https://sessions.bugsnag.com": ["connect"],
  "https://notify.bugsnag.com": ["connect"],
};

export function isBoltOrigin(origin: string): boolean {
  const url = safeUrl(origin);
  if (!url || url.protocol !== "https:") return false;
  return DOMAINS.some((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`));
}

/** Undefined: not Bolt. */
export function boltEnvironment(origin: string): BoltEnvironment | undefined {
  if (!isBoltOrigin(origin)) return undefined;
  const label = safeUrl(origin)?.hostname.split(".")[0] ?? "";
  return label.endsWith("-sandbox") ? "sandbox" : "production";
}

/**
 * Paired as Bolt's Salesforce cartridge pairs them (`connect-sandbox` → `account-sandbox`); the
 * emulator serves its account pieces from the connect origin.
 */
export function defaultAccountOrigin(connectOrigin: string): string {
  const url = safeUrl(connectOrigin);
  if (!url || !isBoltOrigin(connectOrigin)) return connectOrigin;
  const [label = "", ...rest] = url.hostname.split(".");
  if (!/^connect(-sandbox)?$/.test(label)) return connectOrigin;
  return `https://${label.replace("connect", "account")}.${rest.join(".")}`;
}

export function boltSources(origins: BoltOrigins): BoltSources {
  const sources: Record<BoltDirective, Set<string>> = {
    script: new Set(),
    frame: new Set(),
    img: new Set(),
    connect: new Set(),
  };
  const allow = (origin: string, directives: readonly BoltDirective[]) => {
    for (const directive of directives) sources[directive].add(origin);
  };
  allow(origins.connect, EVERYWHERE);
  allow(origins.account, EVERYWHERE);
  allow(origins.api, ["connect"]);
  const environments = new Set(
    [origins.connect, origins.account, origins.api].map(boltEnvironment).filter((env) => env !== undefined),
  );
  for (const environment of environments) {
    const suffix = environment === "sandbox" ? "-sandbox" : "";
    for (const [name, directives] of Object.entries(PER_ENVIRONMENT)) {
      for (const domain of DOMAINS) allow(`https://${name}${suffix}.${domain}`, directives);
    }
  }
  if (environments.size > 0) for (const [origin, directives] of Object.entries(SHARED)) allow(origin, directives);
  return {
    script: [...sources.script],
    frame: [...sources.frame],
    img: [...sources.img],
    connect: [...sources.connect],
  };
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
