import { describe, expect, it } from "vitest";
import { deskReturnPath, signInPath } from "./return-path";

describe("where the desk goes after sign-in", () => {
  it.each(["/admin", "/admin/orders/0123456789AB"])("goes on to the desk's page %s", (path) => {
    expect(deskReturnPath(path)).toBe(path);
    expect(signInPath(path)).toBe(
      path === "/admin" ? "/admin/sign-in" : `/admin/sign-in?next=%2Fadmin%2Forders%2F0123456789AB`,
    );
  });

  it.each([
    "https://evil.example/admin",
    "//evil.example/admin",
    "/\\evil.example",
    "/admin/../orders",
    "/admin/orders/0123456789AB?x=1",
    "/admin/orders/0123456789ab",
    "/admin/orders/0123456789AB/../../x",
    "/admin%2F%2Fevil.example",
    "javascript:alert(1)",
    "/orders/0123456789AB",
    "",
    undefined,
    ["/admin"],
  ])("goes to the list instead of %j", (next) => {
    expect(deskReturnPath(next)).toBe("/admin");
  });
});
