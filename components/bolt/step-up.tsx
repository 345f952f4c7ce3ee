"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { StepSection } from "@/components/ui/step-section";
import type { PublicBoltConfig } from "@/lib/env";
import { logOutOfBolt } from "./embed-script";
import { LoginModal } from "./login-modal";
import styles from "./step-up.module.css";

type StepUp = { request: (retry: () => void) => void };

const StepUpContext = createContext<StepUp | null>(null);

/** An edit needing Bolt's manage scope, which a refreshed token lacks, waits while the shopper verifies. */
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
  const [refusal, setRefusal] = useState<string | null>(null);
  const request = useCallback((next: () => void) => {
    setRefusal(null);
    setRetry(() => next);
  }, []);
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
          onRefused={(message) => {
            setRetry(null);
            setRefusal(message);
            // Otherwise Bolt's modal would confirm the other account again on the next try.
            void logOutOfBolt();
          }}
          onCancel={() => setRetry(null)}
        />
      )}
      {refusal && (
        <p role="alert" className={styles.error} data-testid="step-up-refused">
          {refusal}
        </p>
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
  onRefused,
  onCancel,
}: {
  config: PublicBoltConfig;
  email: string;
  onVerified: () => void;
  onRefused: (message: string) => void;
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
      <LoginModal
        config={config}
        context="sign_in"
        defaultEmail={email}
        readOnly
        onSignedIn={onVerified}
        stepUp={{ onRefused }}
      />
      <button type="button" className={styles.link} onClick={onCancel}>
        Cancel the change
      </button>
    </StepSection>
  );
}
