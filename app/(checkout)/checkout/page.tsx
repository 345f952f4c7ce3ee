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
import { checkoutCookieName } from "@/lib/checkout/checkout-id";
import { pendingOrderOf } from "@/lib/checkout/pending";
import { shownCart } from "@/lib/checkout/place-order";
import { getEnv, getPublicBoltConfig } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { silentSignInAllowed } from "@/lib/session/signed-out-here";
import { getSessionView } from "@/lib/session/view";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

export default async function CheckoutPage({ searchParams }: PageProps<"/checkout">) {
  const [cart, session, { guest }, jar] = await Promise.all([getCart(), getSessionView(), searchParams, cookies()]);
  const pending = await pendingOrderOf(
    jar.get(checkoutCookieName(getEnv()))?.value,
    session.signedIn ? session.sub : undefined,
  );
  // Checked as the page loads; shown with an empty cart too (the cart of a paid order is emptied).
  const notice = pending && <PendingPayment totalLabel={formatMoney(pending.total)} />;
  if (cart.lines.length === 0) {
    return (
      <>
        {notice && <div className="container">{notice}</div>}
        <EmptyCart />
      </>
    );
  }
  const config = getPublicBoltConfig();
  // What the page shows goes back with the order: if the cart changes meanwhile, nothing is charged.
  const shown = shownCart(cart);

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
