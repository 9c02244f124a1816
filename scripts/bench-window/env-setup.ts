// Imported first by bench-window.ts, before anything reads the environment: the simulated
// marketplaces live on 127.0.0.1 (a loopback host this bench allows for itself), the embedded
// path runs the in-process schedule, and the logs stay quiet unless LOG_LEVEL says otherwise.
import { demoShopify, demoTokens } from "@/lib/marketplaces/simulator/catalogue";

process.env.MARKETPLACE_ALLOW_PRIVATE_HOSTS ??= "1";
process.env.SYNC_SCHEDULE = "on";
process.env.LOG_LEVEL ??= "warn";
process.env.STOCKLOCK_BENCH_BM_TOKEN = demoTokens.backmarket;
process.env.STOCKLOCK_BENCH_RF_TOKEN = demoTokens.refurbed;
process.env.STOCKLOCK_BENCH_SHOP_TOKEN = demoShopify.token;
// The simulated shop signs its deliveries with its app's client secret.
process.env.STOCKLOCK_BENCH_SHOP_WEBHOOK_SECRET = demoShopify.clientSecret;
