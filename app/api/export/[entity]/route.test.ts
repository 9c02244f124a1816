// CSV export: the list spec's parser, columns and role, against a real database.
import { describe, expect, it } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";

describe("GET /api/export/<list>", () => {
  const app = useAppTestDatabase();

  async function get(path: string, headers?: Headers): Promise<Response> {
    const { GET } = await import("./route");
    const entity = new URL(path, "http://localhost:3000").pathname.split("/").at(-1) ?? "";
    return GET(new Request(`http://localhost:3000${path}`, { headers }), {
      params: Promise.resolve({ entity }),
    });
  }

  it("streams a list's CSV columns in the spec's order", async () => {
    const response = await get("/api/export/stock-locks?status=locked", app.headersOf("viewer"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const [header] = (await response.text()).split("\r\n");
    expect(header).toBe(
      "lock_id,order_id,order_external_id,marketplace,variation_id,sku,quantity,status,created_at,consumed_at,released_at,release_reason,flag",
    );
  });

  it("refuses invalid parameters with the list's own message", async () => {
    const response = await get("/api/export/orders?sort=password.asc", app.headersOf("viewer"));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("sort");
  });

  it("exports the audit log to admins only", async () => {
    const denied = await get("/api/export/audit", app.headersOf("operator"));
    expect(denied.status).toBe(403);
    const response = await get("/api/export/audit?action=auth.", app.headersOf("admin"));
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("created_at,actor_email,action,target,outcome,input,result,ip");
    // The sign-ins of the test setup, newest first.
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(",")[2]).toBe("auth.signed_in");
  });

  it("knows no list that has no export", async () => {
    const response = await get("/api/export/users", app.headersOf("admin"));
    expect(response.status).toBe(404);
  });
});
