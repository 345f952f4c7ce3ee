import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/admin/sign-in-form";
import { currentMerchant } from "@/lib/admin/merchant";
import { deskReturnPath } from "@/lib/admin/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function DeskSignInPage({ searchParams }: PageProps<"/admin/sign-in">) {
  const { next } = await searchParams;
  const back = deskReturnPath(next);
  if (await currentMerchant()) redirect(back);
  return <SignInForm next={back} />;
}
