import { BoltApiError, BoltError, getAccount, type Account } from "@/lib/bolt";
import type { ShownCart } from "@/lib/checkout/place-order";
import type { PublicBoltConfig } from "@/lib/env";
import { getAccessTokenForRender } from "@/lib/session/view";
import { BoltUnavailable } from "./bolt-unavailable";
import { CheckoutChoices } from "./checkout-choices";
import { SessionRefused } from "./session-refused";
import { StepUpProvider } from "@/components/bolt/step-up";

/** The shopper's saved addresses and cards, from one `GET /v1/account` made while rendering. */
export async function SignedInCheckout({
  shown,
  email,
  config,
}: {
  shown: ShownCart;
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
      <CheckoutChoices config={config} addresses={account.addresses} cards={account.cards} shown={shown} />
    </StepUpProvider>
  );
}
