import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded database when DATABASE_URL is unset or empty", () => {
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(parseEnv({}).PGLITE_DIR).toBe(".data/pglite");
  });

  it("accepts a postgres URL and the demo flag", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://u:p@localhost:5432/db", DEMO_MODE: "1" });
    expect(env.DATABASE_URL).toBe("postgres://u:p@localhost:5432/db");
    expect(env.DEMO_MODE).toBe(true);
  });

  it("names the bad variable in its message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL: must start/);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrowError(/LOG_LEVEL/);
  });
});
