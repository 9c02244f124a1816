import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { type Auth, createAuth } from "./auth";
import { authSettingsFromEnv } from "./config";

// One instance per process, on globalThis so Next's dev reloads reuse it.
const globalForAuth = globalThis as unknown as { __stocklockAuth?: Promise<Auth> };

/** The process's better-auth instance over getDb(), configured from the environment. */
export function getAuth(): Promise<Auth> {
  if (!globalForAuth.__stocklockAuth) {
    const creating = (async () => createAuth(await getDb(), authSettingsFromEnv(env())))();
    creating.catch(() => {
      globalForAuth.__stocklockAuth = undefined;
    });
    globalForAuth.__stocklockAuth = creating;
  }
  return globalForAuth.__stocklockAuth;
}
