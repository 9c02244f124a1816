// A real HTTP server that takes the alert webhook's posts during the e2e run (started by
// playwright.config.ts beside the app, which gets ALERT_WEBHOOK_URL pointing here). It keeps
// every JSON body and hands the list out at GET /_received.
import http from "node:http";
import { alertWebhookPort } from "./fixtures/alert-webhook";

const received: unknown[] = [];
const MAX_BODY = 64 * 1024;

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/_received") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(received));
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return;
  }
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => {
    body += chunk;
    if (body.length > MAX_BODY) req.destroy();
  });
  req.on("end", () => {
    try {
      received.push(JSON.parse(body));
      res.writeHead(200).end("ok");
    } catch {
      res.writeHead(400).end("not JSON");
    }
  });
});

server.listen(alertWebhookPort, "127.0.0.1", () => {
  console.log(`alert webhook receiver on 127.0.0.1:${alertWebhookPort}`);
});
