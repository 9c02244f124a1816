// Alert notification channels: a webhook (JSON with a `text` field, so a Slack incoming webhook
// works) and e-mail over SMTP (nodemailer). Each send is bounded by a timeout and throws on
// failure; evaluate.ts records the failure and retries at the next evaluation.
import nodemailer from "nodemailer";
import { type AlertKind, type AlertStatus, alertKindNames } from "@/lib/domain/enums";
import { alertDetailsText } from "./details";

export interface AlertMessage {
  id: number;
  kind: AlertKind;
  subject: string;
  status: AlertStatus;
  openedAt: string;
  resolvedAt: string | null;
  details: Record<string, unknown>;
}

export interface AlertChannel {
  /** Column that remembers what this channel last delivered. */
  name: "webhook" | "email";
  send(message: AlertMessage): Promise<void>;
}

/** What and about which subject, opened or resolved (the e-mail's subject line). */
export function alertTitle(message: AlertMessage): string {
  const state = message.status === "open" ? "[ALERT]" : "[RESOLVED]";
  return `${state} ${alertKindNames[message.kind]}: ${message.subject}`;
}

/** One line for people: the title, when, and what was seen. */
export function alertText(message: AlertMessage): string {
  const head = alertTitle(message);
  const seen = alertDetailsText(message.details);
  const when =
    message.status === "open"
      ? `opened ${message.openedAt}`
      : `opened ${message.openedAt}, resolved ${message.resolvedAt}`;
  return `${head} (${when})${seen ? ` — ${seen}` : ""}`;
}

/** Posts `{ text, alert }` to the URL; anything but a 2xx answer within the timeout fails. */
export function webhookChannel(url: string, timeoutMs: number): AlertChannel {
  return {
    name: "webhook",
    async send(message) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          text: alertText(message),
          alert: {
            id: message.id,
            kind: message.kind,
            subject: message.subject,
            status: message.status,
            openedAt: message.openedAt,
            resolvedAt: message.resolvedAt,
          },
        }),
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
    },
  };
}

/** Sends one e-mail per notification through the SMTP server of `smtpUrl`. */
export function emailChannel(options: {
  smtpUrl: string;
  to: string;
  from: string;
  timeoutMs: number;
}): AlertChannel {
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
    secure: url.protocol === "smtps:",
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    name: "email",
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: options.to,
        subject: alertTitle(message).slice(0, 200),
        text: alertText(message),
      });
    },
  };
}
