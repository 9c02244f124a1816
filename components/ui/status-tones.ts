import {
  type LockFlag,
  type LockStatus,
  lockFlagNames,
  type OrderStatus,
  type SyncStatus,
} from "@/lib/domain/enums";
import type { ReturnStatus } from "@/lib/domain/returns";
import type { BadgeTone } from "./badge";

// One colour per status, shared by every page (badges, dots, legends).

export const lockStatusTone: Record<LockStatus, BadgeTone> = {
  locked: "amber",
  consumed: "blue",
  cancelled: "zinc",
};

export const returnStatusTone: Record<ReturnStatus, BadgeTone> = {
  expected: "violet",
  received: "amber",
  restocked: "green",
  written_off: "zinc",
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

/** What a lock's flag asks of staff, in words and colour. */
export const lockFlagLabel: Record<LockFlag, { label: string; tone: BadgeTone; hint: string }> = {
  item_vanished: {
    label: lockFlagNames.item_vanished,
    tone: "red",
    hint: "The marketplace's order no longer lists this line; the lock keeps its units until staff release it.",
  },
  shipped_after_release: {
    label: lockFlagNames.shipped_after_release,
    tone: "violet",
    hint: "The lock had been released, then the item shipped: its units left stock anyway.",
  },
};
