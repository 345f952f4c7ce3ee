import { describe, expect, it } from "vitest";
import { listHref, readListQuery } from "./list-query";

describe("the desk list's address", () => {
  it("reads a status, a search, a cursor and the inbox's page", () => {
    const query = readListQuery({ status: "in_review", q: "  nora@ ", before: "0123456789AB", events: "42" });
    expect(query).toEqual({ status: "in_review", search: "nora@", before: "0123456789AB", eventsBefore: 42 });
    expect(listHref(query)).toBe("/admin?status=in_review&q=nora%40&before=0123456789AB&events=42");
  });

  it("leaves out what it can't use: unknown statuses, odd cursors, repeated keys, both directions", () => {
    expect(
      readListQuery({ status: "shipped", q: ["a", "b"], before: "../x", after: "0123456789AB", events: "-1" }),
    ).toEqual({
      after: "0123456789AB",
    });
    expect(readListQuery({ before: "0123456789AB", after: "ABCDEFGHJKMN" })).toEqual({ before: "0123456789AB" });
    expect(readListQuery({ events: "1e400" })).toEqual({});
    expect(listHref({})).toBe("/admin");
  });
});
