// Staff roles, lowest to highest: each role can do everything the ones before it can.
//   viewer   reads everything
//   operator + sync now, resync an order
//   admin    + release or adjust stock, manage marketplaces and users, read the audit log
// The vocabulary (the users table's CHECK and the UI share it); lib/auth/roles.ts compares them.

export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];
