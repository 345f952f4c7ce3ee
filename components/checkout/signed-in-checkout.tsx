import { randomUUID } from "node:crypto";
import { getAccessTokenForRender } from "@/lib/auth";
import { BoltApiError, BoltError, getAccount, type Account } from "@/lib/bolt";
import type { Cart } from "@/lib/cart";
import type { PublicBoltConfig } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { BoltUnavailable } from "./bolt-unavailable";
import { CheckoutChoices } from "./checkout-choices";
import { SessionRefused } from "./session-refused";
import { StepUpProvider } from "./step-up";

/** The shopper's saved addresses and cards, from one `GET /v1/account` made while rendering. */
export async function SignedInCheckout({
  cart,
  email,
  config,
}: {
  cart: Cart;
  email: string;
  config: PublicBoltConfig;
}) {
  const token = await getAccessTokenForRender();
  let account: Account | undefined;
  if (token) {
    try {
      account = await getAccount(token);
    } catch (error) {
      if (error instanceof BoltApiError && error.isTokenRefused) return <SessionRefused />;
      if (!(error instanceof BoltError)) throw error;
    }
  }
  if (!account) return <BoltUnavailable />;
  return (
    <StepUpProvider config={config} email={email}>
      <CheckoutChoices
        addresses={account.addresses}
        cards={account.cards}
        attempt={randomUUID()}
        totalLabel={formatMoney(cart.total)}
      />
    </StepUpProvider>
  );
}
