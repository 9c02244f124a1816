import { AppError } from "@/lib/errors";
import { isDeactivated } from "./active-account";
import type { Auth } from "./auth";
import { hasRole, isRole, type Role } from "./roles";

/** The signed-in staff member, as every page, action and route handler sees them. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The staff member whose session cookie is in these request headers, or null. */
export async function staffUserFromHeaders(
  auth: Auth,
  headers: Headers,
): Promise<StaffUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, email, name, role } = session.user;
  // A role outside the vocabulary (hand-edited row) grants nothing.
  if (!isRole(role)) return null;
  // Deactivation deletes the sessions; this also refuses one that raced it (created between
  // the password check and the deactivation).
  if (isDeactivated(session.user)) return null;
  return { id, email, name, role };
}

/** Returns the user when their role is at least `min`; otherwise throws 401 or 403. */
export function authorize(user: StaffUser | null, min: Role): StaffUser {
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  if (!hasRole(user, min)) {
    throw new AppError(
      "forbidden",
      `This needs the ${min} role; you are signed in as ${user.role}.`,
    );
  }
  return user;
}
