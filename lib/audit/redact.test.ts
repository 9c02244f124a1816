import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("replaces secret-looking fields at any depth and keeps the rest", () => {
    const input = {
      email: "a@b.test",
      password: "hunter2hunter2",
      nested: { apiKey: "k", token: "t", quantity: 3, list: [{ clientSecret: "s", sku: "X" }] },
    };
    expect(redactSecrets(input)).toEqual({
      email: "a@b.test",
      password: "[redacted]",
      nested: {
        apiKey: "[redacted]",
        token: "[redacted]",
        quantity: 3,
        list: [{ clientSecret: "[redacted]", sku: "X" }],
      },
    });
  });
  it("reads FormData and drops Next's action fields", () => {
    const form = new FormData();
    form.set("role", "admin");
    form.set("password", "secret-secret");
    form.set("$ACTION_ID_abc", "");
    expect(redactSecrets(form)).toEqual({ role: "admin", password: "[redacted]" });
  });
  it("turns undefined into null and dates into ISO strings", () => {
    expect(redactSecrets(undefined)).toBeNull();
    expect(redactSecrets(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });
});

describe("redactSecrets and variable names", () => {
  it("keeps the name of a token variable, never a value pasted in its place", () => {
    expect(redactSecrets({ tokenEnv: "BM_FR_TOKEN", token: "BM_FR_TOKEN" })).toEqual({
      tokenEnv: "BM_FR_TOKEN",
      token: "[redacted]",
    });
    expect(redactSecrets({ token_env: "DATABASE_URL" })).toEqual({ token_env: "DATABASE_URL" });
    expect(redactSecrets({ tokenEnv: "c2VjcmV0LXRva2VuLXZhbHVl" })).toEqual({
      tokenEnv: "[redacted]",
    });
  });
});
