import type { Metadata } from "next";
import { Suspense } from "react";
import { EmptyCart } from "@/components/cart/empty-cart";
import { BoltUnavailable } from "@/components/checkout/bolt-unavailable";
import { CheckoutShell } from "@/components/checkout/checkout-shell";
import { GuestCheckout } from "@/components/checkout/guest-checkout";
import { SavedDetailsSkeleton } from "@/components/checkout/saved-details-skeleton";
import { SignedInCheckout } from "@/components/checkout/signed-in-checkout";
import { getSessionView } from "@/lib/auth";
import { getCart } from "@/lib/cart";
import { getPublicBoltConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

export default async function CheckoutPage({ searchParams }: PageProps<"/checkout">) {
  const [cart, session, { guest }] = await Promise.all([getCart(), getSessionView(), searchParams]);
  if (cart.lines.length === 0) return <EmptyCart />;
  const config = getPublicBoltConfig();

  if (!session.signedIn || guest === "1") {
    return (
      <CheckoutShell cart={cart}>
        <GuestCheckout config={config} detect={guest !== "1"} />
      </CheckoutShell>
    );
  }
  return (
    <CheckoutShell cart={cart}>
      {session.tokenFresh ? (
        <Suspense fallback={<SavedDetailsSkeleton />}>
          <SignedInCheckout cart={cart} email={session.email} config={config} />
        </Suspense>
      ) : (
        <BoltUnavailable />
      )}
    </CheckoutShell>
  );
}
