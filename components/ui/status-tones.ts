import type { LockStatus, OrderStatus, SyncStatus } from "@/db/schema/enums";
import type { BadgeTone } from "./badge";

// One colour per status, shared by every page (badges, dots, legends).

export const lockStatusTone: Record<LockStatus, BadgeTone> = {
  locked: "amber",
  consumed: "blue",
  cancelled: "zinc",
};

export const orderStatusTone: Record<OrderStatus, BadgeTone> = {
  pending: "zinc",
  new: "violet",
  accepted: "amber",
  shipped: "green",
  cancelled: "zinc",
  refunded: "red",
  partial: "blue",
};

export const syncStatusTone: Record<SyncStatus, BadgeTone> = {
  running: "blue",
  succeeded: "green",
  partial: "amber",
  failed: "red",
  skipped: "zinc",
};

export const dotClass: Record<BadgeTone, string> = {
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  blue: "bg-sky-500",
  violet: "bg-violet-500",
  zinc: "bg-zinc-400",
};
