// Staff roles, lowest to highest: each role can do everything the ones before it can.
//   viewer   reads everything
//   operator + sync now, resync an order
//   admin    + release or adjust stock, manage marketplaces and users, read the audit log

export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** True when the user's role is at least `min`. A user without a known role has none. */
export function hasRole(user: { role: string } | null | undefined, min: Role): boolean {
  if (!user || !isRole(user.role)) return false;
  return roles.indexOf(user.role) >= roles.indexOf(min);
}
