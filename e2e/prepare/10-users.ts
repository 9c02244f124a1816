// One staff account per role for the e2e specs, and one to deactivate (credentials in
// e2e/fixtures/users.ts).
import type { Database } from "@/db/client";
import { createStaffUser, findStaffUserByEmail } from "@/lib/auth/users";
import { e2eLeaver, e2eUsers } from "../fixtures/users";

export async function prepare(db: Database): Promise<void> {
  for (const [role, user] of Object.entries(e2eUsers) as [
    keyof typeof e2eUsers,
    (typeof e2eUsers)[keyof typeof e2eUsers],
  ][]) {
    if (await findStaffUserByEmail(db, user.email)) continue;
    await createStaffUser(db, { ...user, role }, { actor: null, via: "e2e prepare" });
  }
  if (!(await findStaffUserByEmail(db, e2eLeaver.email))) {
    await createStaffUser(db, e2eLeaver, { actor: null, via: "e2e prepare" });
  }
}
