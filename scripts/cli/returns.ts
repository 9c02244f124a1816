// npm run cli -- returns list [--status=expected|received|restocked|written_off] [--limit=N] [--json]
//                | receive --id=N | restock --id=N [--as-sku=SKU] | write-off --id=N --reason=TEXT
// Staff work on returns from a terminal: the same functions as the /returns page, audited,
// and a restock's new quantity is pushed to the marketplaces before the command exits.
import { parseArgs } from "node:util";
import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import { openReturnStatuses, returnStatuses } from "@/lib/domain/returns";
import { AppError } from "@/lib/errors";
import { drainPushOutbox, type PushSummary } from "@/lib/runtime";
import { performReturnAction, type ReturnAction } from "@/lib/stock/returns";
import { readReturns } from "@/lib/stock/returns/read";

export const usage = `usage:
  npm run cli -- returns list [--status=expected|received|restocked|written_off] [--limit=50] [--json]
  npm run cli -- returns receive --id=N [--actor=NAME] [--json]
  npm run cli -- returns restock --id=N [--as-sku=SKU] [--actor=NAME] [--json]
  npm run cli -- returns write-off --id=N --reason=TEXT [--actor=NAME] [--json]

  list       returns waiting for staff (expected and received) unless --status says otherwise
  receive    the parcel is here (stock does not change)
  restock    a received return's units go back on hand, as its own SKU or --as-sku (a regrade),
             and the new quantities are pushed to the marketplaces
  write-off  it never came back or cannot be sold (--reason is required)
  --actor    who does it, written to the return, the stock ledger and the audit log (default: cli)`;

export interface ReturnsCommandDeps {
  db: () => Promise<Database>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** After a restock: sends the queued quantities (the real drain by default). */
  push?: (db: Database) => Promise<PushSummary>;
}

const actor = z.string().trim().min(1).max(200).default("cli");
const id = z.coerce.number().int().positive();
const schemas = {
  list: z.object({
    status: z.enum(returnStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(50),
    json: z.boolean().default(false),
  }),
  receive: z.object({ id, actor, json: z.boolean().default(false) }),
  restock: z.object({
    id,
    actor,
    "as-sku": z.string().trim().min(1).max(200).optional(),
    json: z.boolean().default(false),
  }),
  "write-off": z.object({
    id,
    actor,
    reason: z.string().trim().min(1, "give a reason").max(500),
    json: z.boolean().default(false),
  }),
};
type Command = keyof typeof schemas;

const options = {
  status: { type: "string" },
  limit: { type: "string" },
  id: { type: "string" },
  "as-sku": { type: "string" },
  reason: { type: "string" },
  actor: { type: "string" },
  json: { type: "boolean" },
} as const;

export function run(args: string[]): Promise<number> {
  return runReturnsCommand(args, {
    db: getDb,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}

export async function runReturnsCommand(args: string[], deps: ReturnsCommandDeps): Promise<number> {
  const [command, ...rest] = args;
  if (!command || !(command in schemas)) {
    deps.err(command ? `Unknown returns command "${command}".\n${usage}` : usage);
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: rest, strict: true, options }).values;
  } catch (error) {
    deps.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const parsed = schemas[command as Command].safeParse(values);
  if (!parsed.success) {
    deps.err(`Invalid options:\n${z.prettifyError(parsed.error)}\n${usage}`);
    return 2;
  }
  const db = await deps.db();
  if (command === "list") return list(db, schemas.list.parse(values), deps);
  return act(db, command as Exclude<Command, "list">, parsed.data as ActOptions, deps);
}

async function list(
  db: Database,
  values: z.output<(typeof schemas)["list"]>,
  deps: ReturnsCommandDeps,
): Promise<number> {
  const statuses = values.status ? [values.status] : [...openReturnStatuses];
  const rows = await readReturns(db, { statuses, limit: values.limit });
  if (values.json) {
    deps.out(JSON.stringify({ ok: true, statuses, count: rows.length, returns: rows }));
    return 0;
  }
  if (rows.length === 0) {
    deps.err(`No ${statuses.join(" or ")} returns.`);
    return 0;
  }
  for (const row of rows) {
    const outcome = row.restockedSku
      ? ` → ${row.restockedSku}`
      : row.writeOffReason
        ? ` (${row.writeOffReason})`
        : "";
    deps.out(
      `#${row.id}\t${row.status}${outcome}\t${row.marketplace} order ${row.order} line ${row.line}\t` +
        `${row.quantity} × ${row.sku}\t${row.source}\t${row.createdAt}`,
    );
  }
  return 0;
}

type ActOptions = { id: number; actor: string; json: boolean; "as-sku"?: string; reason?: string };

function actionOf(command: Exclude<Command, "list">, values: ActOptions): ReturnAction {
  switch (command) {
    case "receive":
      return { kind: "receive", returnId: values.id };
    case "restock":
      return { kind: "restock", returnId: values.id, asSku: values["as-sku"] ?? null };
    case "write-off":
      return { kind: "write_off", returnId: values.id, reason: values.reason ?? "" };
  }
}

async function act(
  db: Database,
  command: Exclude<Command, "list">,
  values: ActOptions,
  deps: ReturnsCommandDeps,
): Promise<number> {
  const action = actionOf(command, values);
  let result: Awaited<ReturnType<typeof performReturnAction>>;
  try {
    result = await performReturnAction(
      db,
      action,
      { name: values.actor, email: values.actor },
      { auditFailures: true },
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (values.json) deps.out(JSON.stringify({ ok: false, error: error.message }));
    deps.err(error.message);
    return error.code === "bad_request" ? 2 : 1;
  }
  let push: PushSummary | null = null;
  if (action.kind === "restock") {
    push = await (deps.push ?? ((target) => drainPushOutbox(target)))(db);
  }
  if (values.json) deps.out(JSON.stringify({ ok: true, ...result, push }));
  else {
    const pushed = push ? `; pushed ${push.pushed}, ${push.failed} failed (retried later)` : "";
    const detail =
      "sku" in result ? `: ${result.quantity} × ${result.sku}, on hand now ${result.onHand}` : "";
    deps.err(`return ${result.returnId} ${result.status.replace("_", " ")}${detail}${pushed}`);
  }
  return 0;
}
