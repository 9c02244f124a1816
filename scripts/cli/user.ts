// npm run cli -- user add --email=… --role=admin [--name=…]
// npm run cli -- user list [--json]
// npm run cli -- user set-role --email=… --role=operator
// npm run cli -- user set-password --email=…
// npm run cli -- user deactivate --email=…   (ends their sessions) | user activate --email=…
// Passwords come from STOCKLOCK_USER_PASSWORD when it is set (automation), otherwise they are
// asked on the terminal without echo; never as a flag, which would land in shell history.
import os from "node:os";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getDb } from "@/db/client";
import { activateStaffUser, deactivateStaffUser } from "@/lib/auth/deactivation";
import { passwordSchema } from "@/lib/auth/password-policy";
import { roles } from "@/lib/auth/roles";
import {
  type ChangeContext,
  createStaffUser,
  emailSchema,
  findStaffUserByEmail,
  listStaffUsers,
  setStaffPassword,
  setStaffRole,
} from "@/lib/auth/users";
import { userPasswordVariable } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { exitCodeOf, UsageError } from "./usage";

export const PASSWORD_ENV = "STOCKLOCK_USER_PASSWORD";

export const usage = `usage:
  npm run cli -- user add --email=EMAIL --role=viewer|operator|admin [--name=NAME]
  npm run cli -- user list [--json]
  npm run cli -- user set-role --email=EMAIL --role=viewer|operator|admin
  npm run cli -- user set-password --email=EMAIL
  npm run cli -- user deactivate --email=EMAIL   (signs them out everywhere; sign-in refused)
  npm run cli -- user activate --email=EMAIL

The password comes from ${PASSWORD_ENV} if it is set, otherwise it is asked on the terminal.`;

const options = {
  email: { type: "string" },
  role: { type: "string" },
  name: { type: "string" },
  json: { type: "boolean", default: false },
} as const;

const roleSchema = z.enum(roles, { error: `must be one of ${roles.join(", ")}` });
const addSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
const setRoleSchema = z.object({ email: emailSchema, role: roleSchema });
const emailOnlySchema = z.object({ email: emailSchema });

function parseFlags<T>(schema: z.ZodType<T>, values: unknown): T {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw new UsageError(
    result.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"),
  );
}

/** Reads a line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    rl.question("", (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}

async function obtainPassword(): Promise<string> {
  const fromEnv = userPasswordVariable();
  let password: string;
  if (fromEnv) {
    password = fromEnv;
  } else if (process.stdin.isTTY) {
    password = await askHidden("Password: ");
    if ((await askHidden("Repeat password: ")) !== password) {
      throw new UsageError("the passwords do not match");
    }
  } else {
    throw new UsageError(`no terminal to ask for the password on; set ${PASSWORD_ENV}`);
  }
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new UsageError(`password ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function userByEmail(email: string) {
  const user = await findStaffUserByEmail(await getDb(), email);
  if (!user) throw new AppError("not_found", `No user with the email ${email}.`);
  return user;
}

async function runCommand(
  command: string | undefined,
  values: Record<string, unknown>,
): Promise<void> {
  const context: ChangeContext = { actor: null, via: `cli (${os.userInfo().username})` };
  switch (command) {
    case "add": {
      const flags = parseFlags(addSchema, values);
      const password = await obtainPassword();
      const user = await createStaffUser(await getDb(), { ...flags, password }, context);
      console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
      return;
    }
    case "list": {
      const users = await listStaffUsers(await getDb());
      if (values.json) {
        console.log(JSON.stringify({ users }));
      } else if (users.length === 0) {
        console.log(
          "No users yet. Add the first admin: npm run cli -- user add --email=… --role=admin",
        );
      } else {
        for (const user of users) {
          const status = user.deactivatedAt ? "  (deactivated)" : "";
          console.log(`${user.role.padEnd(9)} ${user.email}  ${user.name}${status}`);
        }
      }
      return;
    }
    case "set-role": {
      const flags = parseFlags(setRoleSchema, values);
      const user = await userByEmail(flags.email);
      const change = await setStaffRole(
        await getDb(),
        { userId: user.id, role: flags.role },
        context,
      );
      console.log(`${user.email}: ${change.from} → ${change.to}`);
      return;
    }
    case "set-password": {
      const flags = parseFlags(emailOnlySchema, values);
      const user = await userByEmail(flags.email);
      const password = await obtainPassword();
      await setStaffPassword(await getDb(), { userId: user.id, password }, context);
      console.log(`Password of ${user.email} replaced; their sessions were ended.`);
      return;
    }
    case "deactivate": {
      const user = await userByEmail(parseFlags(emailOnlySchema, values).email);
      const result = await deactivateStaffUser(await getDb(), { userId: user.id }, context);
      console.log(`${user.email} deactivated; ${result.sessionsEnded} session(s) ended.`);
      return;
    }
    case "activate": {
      const user = await userByEmail(parseFlags(emailOnlySchema, values).email);
      await activateStaffUser(await getDb(), { userId: user.id }, context);
      console.log(`${user.email} can sign in again.`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "missing command");
  }
}

export async function run(args: string[]): Promise<number> {
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true });
    if (positionals.length > 1) {
      throw new UsageError(`unexpected arguments: ${positionals.slice(1).join(" ")}`);
    }
    await runCommand(positionals[0], values);
    return 0;
  } catch (error) {
    return exitCodeOf(error, usage);
  }
}
