"use client";

import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { buttonClass, selectClass } from "@/components/ui/button-styles";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import type { RequestedSyncType } from "@/lib/sync/options";
import { type SyncNowResult, syncNowAction } from "../actions";

function startedMessage(type: string, target: string, result: SyncNowResult): string {
  if (result.mode === "queued") {
    return `${type} sync of ${target} queued (${result.jobs} ${result.jobs === 1 ? "job" : "jobs"}); a worker runs it.`;
  }
  const runs = result.runIds.map((id) => `#${id}`).join(", ");
  return `${type} sync of ${target} started (run ${runs}); progress below.`;
}

/**
 * Operator: "sync now" for a type (or only `types[0]` when one is given) and one marketplace or
 * every active one. The started runs show up in the runs list, which follows their progress.
 */
export function SyncNowForm({
  types,
  marketplaces,
  label = "Sync now",
}: {
  types: readonly RequestedSyncType[];
  marketplaces: { id: number; code: string }[];
  label?: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const typeId = useId();
  const marketplaceId = useId();
  const single = types.length === 1 ? types[0] : undefined;

  function submit(form: FormData) {
    const type = String(form.get("type") ?? "");
    const marketplace = String(form.get("marketplace") ?? "");
    const target =
      marketplaces.find((m) => String(m.id) === marketplace)?.code ?? "all marketplaces";
    startTransition(async () => {
      const result = await callAction(() =>
        syncNowAction({ type: type as RequestedSyncType, marketplace }),
      );
      if (!result.ok) {
        toast(`Sync not started: ${result.error.message}`, "error");
        return;
      }
      toast(startedMessage(type, target, result.data), "success");
      router.refresh();
    });
  }

  return (
    <form
      aria-label={label}
      className="flex flex-wrap items-end gap-2 text-xs"
      onSubmit={(event) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget));
      }}
    >
      {single ? (
        <input type="hidden" name="type" value={single} />
      ) : (
        <span className="flex flex-col gap-0.5">
          <label htmlFor={typeId} className="font-medium">
            Type
          </label>
          <select id={typeId} name="type" defaultValue={types[0]} className={selectClass}>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </span>
      )}
      <span className="flex flex-col gap-0.5">
        <label htmlFor={marketplaceId} className="font-medium">
          Marketplace
        </label>
        <select id={marketplaceId} name="marketplace" defaultValue="" className={selectClass}>
          <option value="">all active</option>
          {marketplaces.map((m) => (
            <option key={m.id} value={m.id}>
              {m.code}
            </option>
          ))}
        </select>
      </span>
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Starting…" : label}
      </button>
    </form>
  );
}
