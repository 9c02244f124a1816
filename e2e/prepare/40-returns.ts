// Returns for the dashboard specs: expected returns recorded on a few shipped lines of the
// seeded orders (as staff would from the order page), one of them already received.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { E2E_PREPARED_RETURNS } from "@/e2e/fixtures/prepared-returns";
import { performReturnAction } from "@/lib/stock/returns";

export async function prepare(db: Database): Promise<void> {
  const items = await queryRows<{ id: number }>(
    db,
    sql`select id from order_items where status = 'shipped' and variation_id is not null
        order by id limit ${E2E_PREPARED_RETURNS}`,
  );
  const staff = { name: "e2e-prepare", email: null };
  for (const [index, item] of items.entries()) {
    const created = await performReturnAction(
      db,
      { kind: "create", orderItemId: item.id, quantity: 1, note: "prepared for the e2e specs" },
      staff,
    );
    if (index === 0) {
      await performReturnAction(db, { kind: "receive", returnId: created.returnId }, staff);
    }
  }
  console.log(`e2e prepare: ${items.length} returns`);
}
