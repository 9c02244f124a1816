// npm run seed:large -- --orders=200000 [--variations=N] [--seed=42]
// Fills DATABASE_URL (or the embedded database) with realistic volume; refuses a database
// that already holds generated orders.
import { parseArgs } from "node:util";
import { z } from "zod";
import { getDatabaseHandle } from "@/db/client";
import { seedLarge } from "@/db/seed/large";
import { runMain } from "./run-main";

const argsSchema = z.object({
  orders: z.coerce.number().int().min(1).max(5_000_000).default(200_000),
  variations: z.coerce.number().int().min(1).max(100_000).optional(),
  seed: z.coerce.number().int().min(0).optional(),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      orders: { type: "string" },
      variations: { type: "string" },
      seed: { type: "string" },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`seed:large: ${z.prettifyError(parsed.error)}`);
    return 2;
  }
  const handle = await getDatabaseHandle();
  console.error(`seed:large: ${parsed.data.orders} orders into ${handle.location}`);
  const summary = await seedLarge(handle.db, {
    ...parsed.data,
    log: (message) => console.error(`seed:large: ${message}`),
  });
  console.log(JSON.stringify(summary));
  return 0;
}

runMain(main, "seed:large failed");
