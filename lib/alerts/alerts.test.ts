// Alerts on real PostgreSQL: each condition opens one episode and resolves it once; two
// evaluators at once open one; a real HTTP receiver and a real SMTP server (smtp-server) get the
// notifications; a failing channel is retried and never throws; `npm run alerts -- --json`.
import { spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { type AlertChannel, emailChannel, evaluateAlerts, webhookChannel } from "@/lib/alerts";

const intervals = [{ type: "new", everyMinutes: 5 }];

async function one<T extends Record<string, unknown>>(db: Database, q: ReturnType<typeof sql>) {
  const [row] = await queryRows<T>(db, q);
  if (!row) throw new Error("no row");
  return row;
}

async function marketplace(db: Database, code: string, createdMinutesAgo = 0): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    sql`insert into marketplaces (code, name, provider, base_url, token_env, created_at)
        values (${code}, ${code}, 'simulator', 'http://127.0.0.1:1', 'SIM_TOKEN',
          now() - make_interval(mins => ${createdMinutesAgo}::int)) returning id`,
  );
  return row.id;
}

async function variation(db: Database, sku: string, onHand: number, locked = 0) {
  const row = await one<{ id: number }>(
    db,
    sql`insert into variations (sku, name, on_hand, locked_quantity)
        values (${sku}, ${sku}, ${onHand}, ${locked}) returning id`,
  );
  return row.id;
}

async function alertRows(db: Database) {
  return queryRows<{ kind: string; subject: string; status: string }>(
    db,
    sql`select kind, subject, status from alerts order by kind, subject, id`,
  );
}

/** A receiver that records every JSON body and answers with the next status of `statuses`. */
async function startReceiver(statuses: number[] = []) {
  const bodies: { text?: unknown; alert?: { status?: string } }[] = [];
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (chunk) => {
      data += chunk;
    });
    req.on("end", () => {
      bodies.push(JSON.parse(data));
      res.statusCode = statuses.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("alerts", () => {
  const database = useTestDatabase();
  let db: Database;
  beforeAll(() => {
    db = database.current.db;
  });

  describe("conditions", () => {
    it("each condition opens one episode across evaluations and resolves it once", async () => {
      const a = await marketplace(db, "mp-a");
      const silent = await marketplace(db, "mp-silent", 120);
      const pushVar = await variation(db, "PUSH-1", 5);
      const driftVar = await variation(db, "DRIFT-1", 5);
      await variation(db, "OVER-1", 0, 2);
      const lockVar = await variation(db, "LOCK-1", 5, 1);
      // push_failing: due, failing for 20 minutes, no success since.
      await db.execute(sql`
        insert into marketplace_stock (marketplace_id, variation_id, push_pending_since,
          push_attempts, push_last_error)
        values (${a}, ${pushVar}, now() - interval '25 minutes', 4, 'HTTP 503')`);
      await db.execute(sql`
        insert into stock_pushes (marketplace_id, variation_id, quantity, status, http_status,
          error, attempted_at)
        values (${a}, ${pushVar}, 5, 'sent', 200, null, now() - interval '60 minutes'),
               (${a}, ${pushVar}, 5, 'failed', 503, 'HTTP 503', now() - interval '20 minutes'),
               (${a}, ${pushVar}, 5, 'failed', 503, 'HTTP 503', now() - interval '1 minute')`);
      // drift: the last stock sync (20 minutes ago) saw 7, publishable is 5, no push since.
      await db.execute(sql`
        insert into marketplace_stock (marketplace_id, variation_id, listed_quantity,
          last_synced_at)
        values (${a}, ${driftVar}, 7, now() - interval '20 minutes')`);
      // sync_failing: three failed `new` runs in a row on mp-a.
      for (let i = 3; i >= 1; i--) {
        await db.execute(sql`
          insert into sync_runs (type, marketplace_id, trigger, status, message, started_at,
            finished_at)
          values ('new', ${a}, 'cron', 'failed', 'HTTP 500',
            now() - make_interval(mins => ${i}::int), now() - make_interval(mins => ${i}::int))`);
      }
      // stale_lock and unmapped_sku.
      const order = await one<{ id: number }>(
        db,
        sql`insert into orders (marketplace_id, external_id, status, marketplace_state, ordered_at)
            values (${a}, 'O-1', 'new', '1', now()) returning id`,
      );
      const item = await one<{ id: number }>(
        db,
        sql`insert into order_items (order_id, external_id, variation_id, sku, quantity, status,
              marketplace_state)
            values (${order.id}, 'I-1', ${lockVar}, 'LOCK-1', 1, 'new', '1'),
                   (${order.id}, 'I-2', null, 'UNKNOWN-1', 2, 'new', '1')
            returning id`,
      );
      await db.execute(sql`
        insert into marketplace_stock_locks (order_item_id, order_id, marketplace_id,
          variation_id, quantity, status, created_at)
        values (${item.id}, ${order.id}, ${a}, ${lockVar}, 1, 'locked', now() - interval '10 days')`);

      const expected = [
        { kind: "drift", subject: "mp-a:DRIFT-1", status: "open" },
        { kind: "marketplace_silent", subject: "mp-a", status: "open" },
        { kind: "marketplace_silent", subject: "mp-silent", status: "open" },
        { kind: "oversold", subject: "OVER-1", status: "open" },
        { kind: "push_failing", subject: "mp-a:PUSH-1", status: "open" },
        { kind: "stale_lock", subject: "mp-a", status: "open" },
        { kind: "sync_failing", subject: "mp-a:new", status: "open" },
        { kind: "sync_failing", subject: "mp-silent:new", status: "open" },
        { kind: "unmapped_sku", subject: "UNKNOWN-1", status: "open" },
      ];
      // mp-a is silent too: it was created now, but the 1-minute threshold below makes it so.
      const thresholds = { marketplaceSilentMinutes: 1 };
      await db.execute(sql`update marketplaces set created_at = now() - interval '2 minutes'
        where id = ${a}`);
      const first = await evaluateAlerts(db, {
        syncIntervals: intervals,
        thresholds,
        channels: [],
      });
      expect(first.opened).toHaveLength(expected.length);
      for (let i = 0; i < 3; i++) {
        const again = await evaluateAlerts(db, {
          syncIntervals: intervals,
          thresholds,
          channels: [],
        });
        expect(again.opened).toEqual([]);
        expect(again.resolved).toEqual([]);
      }
      expect(await alertRows(db)).toEqual(expected);

      // Everything gets better.
      await db.execute(sql`update marketplace_stock set push_pending_since = null,
        push_last_error = null, last_pushed_at = now()`);
      await db.execute(sql`update variations set on_hand = 5 where sku = 'OVER-1'`);
      await db.execute(
        sql`update marketplace_stock_locks set status = 'cancelled', released_at = now()`,
      );
      await db.execute(sql`update order_items set status = 'cancelled' where variation_id is null`);
      await db.execute(sql`
        insert into sync_runs (type, marketplace_id, trigger, status, started_at, finished_at)
        values ('new', ${a}, 'cron', 'succeeded', now(), now()),
               ('new', ${silent}, 'cron', 'succeeded', now(), now())`);
      const fixed = await evaluateAlerts(db, {
        syncIntervals: intervals,
        thresholds,
        channels: [],
      });
      expect(fixed.resolved).toHaveLength(expected.length);
      expect(fixed.open).toEqual([]);
      const after = await evaluateAlerts(db, {
        syncIntervals: intervals,
        thresholds,
        channels: [],
      });
      expect(after.resolved).toEqual([]);
      expect(after.opened).toEqual([]);
      expect(await alertRows(db)).toEqual(expected.map((e) => ({ ...e, status: "resolved" })));
    });

    it("two evaluations at once open one episode", async () => {
      await db.execute(sql`truncate alerts`);
      await variation(db, "OVER-2", 0, 1);
      await Promise.all(Array.from({ length: 4 }, () => evaluateAlerts(db, { channels: [] })));
      expect(await alertRows(db)).toEqual([
        { kind: "oversold", subject: "OVER-2", status: "open" },
      ]);
      await db.execute(sql`update variations set on_hand = 1 where sku = 'OVER-2'`);
      await Promise.all(Array.from({ length: 4 }, () => evaluateAlerts(db, { channels: [] })));
      expect(await alertRows(db)).toEqual([
        { kind: "oversold", subject: "OVER-2", status: "resolved" },
      ]);
    });
    it("an empty poll counted on an old run keeps the marketplace and its `new` pair heard from", async () => {
      await db.execute(sql`truncate alerts`);
      const polled = await marketplace(db, "mp-polled", 180);
      // Its last full run ended two hours ago; the fast poll found nothing new a minute ago.
      await db.execute(sql`
        insert into sync_runs (type, marketplace_id, trigger, status, started_at, finished_at,
          empty_polls, last_polled_at)
        values ('new', ${polled}, 'queue', 'succeeded', now() - interval '2 hours',
          now() - interval '2 hours', 340, now() - interval '1 minute')`);
      const report = await evaluateAlerts(db, { syncIntervals: intervals, channels: [] });
      const about = report.open.filter((alert) => alert.subject.startsWith("mp-polled"));
      expect(about).toEqual([]);
      // Polls stop answering: an hour later the marketplace is silent and the pair failing.
      await db.execute(sql`update sync_runs set last_polled_at = now() - interval '61 minutes'
        where marketplace_id = ${polled}`);
      const later = await evaluateAlerts(db, { syncIntervals: intervals, channels: [] });
      expect(
        later.open
          .filter((alert) => alert.subject.startsWith("mp-polled"))
          .map((alert) => `${alert.kind} ${alert.subject}`)
          .sort(),
      ).toEqual(["marketplace_silent mp-polled", "sync_failing mp-polled:new"]);
      // The tests after this one start from no open alert.
      await db.execute(sql`update marketplaces set active = false where id = ${polled}`);
      await db.execute(sql`truncate alerts`);
    });
  });

  describe("notifications", () => {
    beforeEach(async () => {
      await db.execute(sql`truncate alerts`);
    });

    async function oversell(sku: string) {
      await variation(db, sku, 0, 1);
    }
    async function restock(sku: string) {
      await db.execute(sql`update variations set on_hand = 10 where sku = ${sku}`);
    }

    it("the webhook gets exactly one open and one resolve message with a text field", async () => {
      const receiver = await startReceiver();
      try {
        const channels = [webhookChannel(receiver.url, 2_000)];
        await oversell("HOOK-1");
        await evaluateAlerts(db, { channels });
        await evaluateAlerts(db, { channels });
        await restock("HOOK-1");
        await evaluateAlerts(db, { channels });
        await evaluateAlerts(db, { channels });
        expect(receiver.bodies.map((b) => b.alert?.status)).toEqual(["open", "resolved"]);
        expect(receiver.bodies[0]?.text).toMatch(/^\[ALERT\] Oversold: HOOK-1/);
        expect(receiver.bodies[1]?.text).toMatch(/^\[RESOLVED\] Oversold: HOOK-1/);
        const row = await one<{ last_notified_at: Date | null; webhook_notified: string }>(
          db,
          sql`select last_notified_at, webhook_notified from alerts`,
        );
        expect(row.webhook_notified).toBe("resolved");
        expect(row.last_notified_at).not.toBeNull();
      } finally {
        await receiver.close();
      }
    });

    it("a failing webhook (500, then 200) is retried at the next evaluation and never throws", async () => {
      const receiver = await startReceiver([500]);
      try {
        const channels = [webhookChannel(receiver.url, 2_000)];
        await oversell("HOOK-2");
        const first = await evaluateAlerts(db, { channels });
        expect(first.notifications).toEqual({ sent: 0, failed: 1 });
        const failed = await one<{ notify_attempts: number; notify_error: string }>(
          db,
          sql`select notify_attempts, notify_error from alerts`,
        );
        expect(failed.notify_attempts).toBe(1);
        expect(failed.notify_error).toMatch(/HTTP 500/);
        const second = await evaluateAlerts(db, { channels });
        expect(second.notifications).toEqual({ sent: 1, failed: 0 });
        const third = await evaluateAlerts(db, { channels });
        expect(third.notifications).toEqual({ sent: 0, failed: 0 });
        expect(receiver.bodies.map((b) => b.alert?.status)).toEqual(["open", "open"]);
        await restock("HOOK-2");
      } finally {
        await receiver.close();
      }
      // A receiver that is gone: logged, counted, not thrown.
      const gone: AlertChannel[] = [webhookChannel(receiver.url, 500)];
      const report = await evaluateAlerts(db, { channels: gone });
      expect(report.notifications.failed).toBe(1);
    });

    it("the SMTP server (with auth) receives the e-mails; a dead one is retried", async () => {
      const received: { from?: string; to: string[]; body: string; user?: string }[] = [];
      const server = new SMTPServer({
        disabledCommands: ["STARTTLS"],
        allowInsecureAuth: true,
        onAuth(auth, _session, callback) {
          if (auth.username === "alerts" && auth.password === "s3cret") {
            callback(null, { user: auth.username });
          } else callback(new Error("bad credentials"));
        },
        onData(stream, session, callback) {
          let body = "";
          stream.on("data", (chunk: Buffer) => {
            body += chunk.toString();
          });
          stream.on("end", () => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
              to: session.envelope.rcptTo.map((r) => r.address),
              body,
              user: session.user as string | undefined,
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.server.address() as AddressInfo;
      const email = (p: number) =>
        emailChannel({
          smtpUrl: `smtp://alerts:s3cret@127.0.0.1:${p}`,
          to: "ops@example.com",
          from: "Stocklock <stocklock@example.com>",
          timeoutMs: 2_000,
        });
      try {
        await oversell("MAIL-1");
        await evaluateAlerts(db, { channels: [email(port)] });
        await restock("MAIL-1");
        await evaluateAlerts(db, { channels: [email(port)] });
        expect(received).toHaveLength(2);
        expect(received[0]?.to).toEqual(["ops@example.com"]);
        expect(received[0]?.user).toBe("alerts");
        expect(received[0]?.body).toMatch(/Subject: \[ALERT\] Oversold: MAIL-1/);
        expect(received[1]?.body).toMatch(/Subject: \[RESOLVED\] Oversold: MAIL-1/);
        expect(received[0]?.body).not.toContain("s3cret");

        // A dead SMTP server: the webhook is still told, the e-mail retried later.
        const receiver = await startReceiver();
        await db.execute(sql`update alerts set webhook_notified = status`);
        await oversell("MAIL-2");
        const dead = await evaluateAlerts(db, {
          channels: [webhookChannel(receiver.url, 2_000), email(1)],
        });
        expect(dead.notifications).toEqual({ sent: 1, failed: 1 });
        const retried = await evaluateAlerts(db, {
          channels: [webhookChannel(receiver.url, 2_000), email(port)],
        });
        expect(retried.notifications).toEqual({ sent: 1, failed: 0 });
        expect(receiver.bodies).toHaveLength(1);
        expect(received).toHaveLength(3);
        await receiver.close();
        await restock("MAIL-2");
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe("npm run alerts -- --json", () => {
    afterAll(async () => {
      await db.execute(sql`truncate alerts`);
    });

    function runAlerts() {
      const environment: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: database.current.url,
        LOG_LEVEL: "silent",
      };
      delete environment.ALERT_WEBHOOK_URL;
      delete environment.SMTP_URL;
      const result = spawnSync("npx", ["tsx", "scripts/alerts.ts", "--json"], {
        encoding: "utf8",
        env: environment,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    it("prints one JSON object; exits 1 with an open alert, 0 without", async () => {
      // Quiet the sync conditions: every marketplace made inactive.
      await db.execute(sql`update marketplaces set active = false`);
      await oversellCli();
      const open = runAlerts();
      expect(open.code, open.stderr).toBe(1);
      expect(open.stdout.trim().split("\n")).toHaveLength(1);
      const report = JSON.parse(open.stdout);
      expect(report.ok).toBe(false);
      expect(report.open).toEqual([
        expect.objectContaining({ kind: "oversold", subject: "CLI-1" }),
      ]);
      await db.execute(sql`update variations set on_hand = 10 where sku = 'CLI-1'`);
      const none = runAlerts();
      expect(none.code, none.stderr).toBe(0);
      expect(JSON.parse(none.stdout)).toMatchObject({ ok: true, open: [] });
    });

    async function oversellCli() {
      await variation(db, "CLI-1", 0, 3);
    }
  });
});
