"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { BoltEmailLogin } from "@/components/account/bolt-email-login";
import { StepSection } from "@/components/ui/step-section";
import type { PublicBoltConfig } from "@/lib/env";
import styles from "./checkout.module.css";

type StepUp = { request: (retry: () => void) => void };

const StepUpContext = createContext<StepUp | null>(null);

/**
 * Editing saved data needs Bolt's `bolt.account.manage` scope, which a refreshed token lacks.
 * When an edit answers "step-up", the shopper confirms it is them in Bolt's modal; the new
 * full-scope session then lets the same edit go through without retyping anything.
 */
export function StepUpProvider({
  config,
  email,
  children,
}: {
  config: PublicBoltConfig;
  email: string;
  children: ReactNode;
}) {
  const [retry, setRetry] = useState<(() => void) | null>(null);
  const request = useCallback((next: () => void) => setRetry(() => next), []);
  const value = useMemo(() => ({ request }), [request]);
  return (
    <StepUpContext.Provider value={value}>
      {children}
      {retry && (
        <StepUpPrompt
          config={config}
          email={email}
          onVerified={() => {
            setRetry(null);
            retry();
          }}
          onCancel={() => setRetry(null)}
        />
      )}
    </StepUpContext.Provider>
  );
}

export function useStepUp(): StepUp {
  const value = useContext(StepUpContext);
  if (!value) throw new Error("useStepUp needs a StepUpProvider");
  return value;
}

function StepUpPrompt({
  config,
  email,
  onVerified,
  onCancel,
}: {
  config: PublicBoltConfig;
  email: string;
  onVerified: () => void;
  onCancel: () => void;
}) {
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), []);
  return (
    <StepSection ref={section} tabIndex={-1} title="Confirm it's you" data-testid="step-up">
      <p className={styles.hint}>
        To change your saved details, Bolt needs to send you a fresh one-time code. Your change is kept and goes through
        as soon as you&apos;re verified.
      </p>
      <BoltEmailLogin config={config} context="sign_in" defaultEmail={email} readOnly onSignedIn={onVerified} />
      <button type="button" className={styles.link} onClick={onCancel}>
        Cancel the change
      </button>
    </StepSection>
  );
}
