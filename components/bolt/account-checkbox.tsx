"use client";

import { useEffect, useEffectEvent, useRef } from "react";
import { loadBolt } from "./embed-script";
import type { PublicBoltConfig } from "@/lib/env";
import styles from "./payment.module.css";

/**
 * The web component Bolt recommends hides itself once the login modal learns the email has an account;
 * a script without it frames the checkbox.
 */
export function AccountCheckbox({
  config,
  defaultValue,
  onChange,
}: {
  config: PublicBoltConfig;
  defaultValue: boolean;
  onChange: (checked: boolean) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const changed = useEffectEvent((checked: boolean) => onChange(checked));
  const { connectUrl, publishableKey } = config;
  const initial = useRef(defaultValue);

  useEffect(() => {
    let cancelled = false;
    let unmount = () => {};
    loadBolt({ connectUrl, publishableKey })
      .then((bolt) => {
        if (cancelled || !container.current) return;
        const checkbox = bolt.create("account_checkbox", {
          webComponent: true,
          defaultValue: initial.current,
          version: "expanded",
          listeners: { change: (checked) => changed(checked) },
        });
        checkbox.mount(container.current);
        unmount = () => checkbox.unmount();
      })
      // No script, no checkbox, no account: the payment itself still works.
      .catch(() => changed(false));
    return () => {
      cancelled = true;
      unmount();
    };
  }, [connectUrl, publishableKey]);

  return <div ref={container} className={styles.checkbox} data-testid="account-checkbox" />;
}
