// The marketplace simulator of bench:sync, on a thread of its own: it stands in for Back
// Market's servers, whose work is not ours to measure, so it must not share the sync's event
// loop. Started by bench-sync.ts with { orders, seed }; answers { url, skus } once the orders
// are in, and closes on "close".
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { startSimulator } from "@/lib/marketplaces/simulator/server";

const { orders, seed } = z
  .object({ orders: z.number().int().positive(), seed: z.number().int() })
  .parse(workerData);
if (!parentPort) throw new Error("bench-sync-simulator runs as a worker thread");
const port = parentPort;

const sim = await startSimulator({ seed });
const skus = sim.store.listings.map((listing) => listing.sku);
for (let i = 0; i < orders; i++) {
  sim.addOrder({
    channel: "backmarket",
    lines: [{ sku: skus[i % skus.length] ?? "X" }],
    decrementListing: false,
  });
}
port.on("message", (message: unknown) => {
  if (message === "close") void sim.close().then(() => port.close());
});
port.postMessage({ url: sim.url, skus });
