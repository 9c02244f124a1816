import { describe, expect, it } from "vitest";
import { checkCronAuthorization } from "./cron-auth";

describe("checkCronAuthorization", () => {
  it("refuses every call while no secret is configured", () => {
    expect(checkCronAuthorization("Bearer anything", undefined).ok).toBe(false);
    expect(checkCronAuthorization("Bearer ", "").ok).toBe(false);
  });
  it("accepts exactly the configured bearer token", () => {
    expect(checkCronAuthorization("Bearer s3cret-value", "s3cret-value")).toEqual({ ok: true });
  });
  it("refuses a missing header, another scheme, a wrong or a prefixed token", () => {
    for (const header of [null, "", "s3cret", "Basic s3cret", "Bearer s3cre", "Bearer s3cretX"]) {
      expect(checkCronAuthorization(header, "s3cret").ok).toBe(false);
    }
  });
});
