import { describe, expect, it } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";

describe("GET /api/audit", () => {
  const app = useAppTestDatabase();

  async function get(headers?: Headers): Promise<Response> {
    const { GET } = await import("./route");
    return GET(new Request("http://localhost:3000/api/audit?action=auth.", { headers }), {});
  }

  it("answers 401 without a session", async () => {
    const response = await get();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("answers 401 for a forged session cookie", async () => {
    const response = await get(new Headers({ cookie: "stocklock.session_token=forged.value" }));
    expect(response.status).toBe(401);
  });

  it("answers 403 to a viewer and an operator", async () => {
    for (const role of ["viewer", "operator"] as const) {
      const response = await get(app.headersOf(role));
      expect(response.status, role).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
  });

  it("lists the entries for an admin", async () => {
    const response = await get(app.headersOf("admin"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number; entries: { action: string }[] };
    // The three sign-ins of the test setup.
    expect(body.total).toBe(3);
    expect(body.entries.every((entry) => entry.action === "auth.signed_in")).toBe(true);
  });
});
