import { describe, expect, it } from "vitest";
import { InvalidLedgerInputError } from "./errors";
import { NewOrderInput, OrderId, parse } from "./inputs";
import { orderInput } from "./testing/orders";

/** What `parse` throws for `value`. */
function refusal(what: string, schema: Parameters<typeof parse>[1], value: unknown): InvalidLedgerInputError {
  try {
    parse(what, schema, value);
  } catch (error) {
    if (error instanceof InvalidLedgerInputError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("what the ledger refuses to record", () => {
  it("names every field at fault, once each, and never the values: they are emails and addresses", () => {
    const input = orderInput({ email: "not an email nora@", shipTo: { ...orderInput().shipTo, countryCode: "usa" } });
    const error = refusal("order", NewOrderInput, { ...input, totalCents: -1 });
    expect(error.fields).toEqual(["totalCents", "email", "shipTo.countryCode"]);
    expect(error.message).toBe("Invalid order: totalCents, email, shipTo.countryCode.");
    expect(error.message).not.toContain("nora@");
  });

  it("says so when the value itself is wrong, not a field of it", () => {
    const error = refusal("order id", OrderId, "7K3P9QXH4TRI");
    expect(error.fields).toEqual([""]);
    expect(error.message).toBe("Invalid order id: (the value itself).");
  });

  it("refuses a line whose total is not its unit price times its quantity", () => {
    const [line] = orderInput().lines;
    const lines = [{ ...line!, lineTotalCents: line!.lineTotalCents - 1 }];
    const input = orderInput({ lines, itemsCents: lines[0]!.lineTotalCents, totalCents: 5899 });
    expect(refusal("order", NewOrderInput, input).fields).toEqual(["lines.0.lineTotalCents"]);
  });

  it("refuses items that are not the sum of the lines, and a total that is not items, shipping and tax", () => {
    expect(refusal("order", NewOrderInput, orderInput({ itemsCents: 4900, totalCents: 5800 })).fields).toEqual([
      "itemsCents",
    ]);
    expect(refusal("order", NewOrderInput, orderInput({ totalCents: 5901 })).fields).toEqual(["totalCents"]);
  });
});
