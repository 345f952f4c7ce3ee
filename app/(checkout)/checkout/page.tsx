import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Suspense } from "react";
import { EmptyCart } from "@/components/cart/empty-cart";
import { BoltUnavailable } from "@/components/checkout/bolt-unavailable";
import { CheckoutShell } from "@/components/checkout/checkout-shell";
import { GuestCheckout } from "@/components/checkout/guest-checkout";
import { PendingPayment } from "@/components/checkout/pending-payment";
import { SavedDetailsSkeleton } from "@/components/checkout/saved-details-skeleton";
import { SignedInCheckout } from "@/components/checkout/signed-in-checkout";
import { getCart } from "@/lib/cart";
import { shownCart } from "@/lib/checkout/place-order";
import { checkoutCookieName, pendingPayment } from "@/lib/checkout/attempt";
import { getEnv, getPublicBoltConfig } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { silentSignInAllowed } from "@/lib/session/signed-out-here";
import { getSessionView } from "@/lib/session/view";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

export default async function CheckoutPage({ searchParams }: PageProps<"/checkout">) {
  const [cart, session, { guest }, jar] = await Promise.all([getCart(), getSessionView(), searchParams, cookies()]);
  const pending = await pendingPayment(jar.get(checkoutCookieName(getEnv()))?.value);
  if (cart.lines.length === 0) return <EmptyCart />;
  const config = getPublicBoltConfig();
  // What the page shows goes back with the order: if the cart changes meanwhile, nothing is charged.
  const shown = shownCart(cart);
  const notice = pending && <PendingPayment totalLabel={formatMoney(pending.total)} />;

  if (!session.signedIn || guest === "1") {
    return (
      <CheckoutShell cart={cart}>
        {notice}
        <GuestCheckout
          config={config}
          shown={shown}
          detect={guest !== "1"}
          silentSignIn={silentSignInAllowed({ read: (name) => jar.get(name)?.value })}
        />
      </CheckoutShell>
    );
  }
  return (
    <CheckoutShell cart={cart}>
      {notice}
      {session.tokenFresh ? (
        <Suspense fallback={<SavedDetailsSkeleton />}>
          <SignedInCheckout shown={shown} email={session.email} config={config} />
        </Suspense>
      ) : (
        <BoltUnavailable />
      )}
    </CheckoutShell>
  );
}
