// Staff roles, lowest to highest (the vocabulary lives in lib/domain/roles.ts): each role can
// do everything the ones before it can.
import { type Role, roles } from "@/lib/domain/roles";

export { type Role, roles };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** True when the user's role is at least `min`. A user without a known role has none. */
export function hasRole(user: { role: string } | null | undefined, min: Role): boolean {
  if (!user || !isRole(user.role)) return false;
  return roles.indexOf(user.role) >= roles.indexOf(min);
}
