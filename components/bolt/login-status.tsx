"use client";

import { useEffect, useEffectEvent, useRef } from "react";
import type { PublicBoltConfig } from "@/lib/env";
import { loadBolt } from "./embed-script";

/**
 * Bolt's newer code mounts it in place of `Bolt.helpers.logout()`; logging out there signs the shopper
 * out here too. Hidden while this browser has no Bolt session.
 */
export function LoginStatus({ config, onLogout }: { config: PublicBoltConfig; onLogout: () => void }) {
  const container = useRef<HTMLDivElement>(null);
  const loggedOut = useEffectEvent(() => onLogout());
  const { connectUrl, publishableKey } = config;

  useEffect(() => {
    let cancelled = false;
    let unmount = () => {};
    loadBolt({ connectUrl, publishableKey })
      .then((bolt) => {
        if (cancelled || !container.current) return;
        const status = bolt.create("login_status", { listeners: { logout: () => loggedOut() } });
        status.mount(container.current);
        unmount = () => status.unmount();
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unmount();
    };
  }, [connectUrl, publishableKey]);

  return <div ref={container} data-testid="bolt-login-status" />;
}
