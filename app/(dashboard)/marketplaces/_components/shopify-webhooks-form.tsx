"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/errors";
import { subscribeWebhooksAction } from "../actions";

/** "Subscribe webhooks": the shop's topics to this install's public URL (admin). */
export function ShopifyWebhooksForm({
  marketplaceId,
  endpointPath,
  defaultPublicUrl,
}: {
  marketplaceId: number;
  endpointPath: string;
  defaultPublicUrl: string;
}) {
  const [state, subscribe, pending] = useActionState<
    ActionResult<{ message: string }> | null,
    FormData
  >(subscribeWebhooksAction, null);
  // Kept across submissions (a form action resets uncontrolled fields).
  const [publicUrl, setPublicUrl] = useState(defaultPublicUrl);
  return (
    <section
      aria-labelledby="webhooks-heading"
      className="mt-8 max-w-xl rounded border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="webhooks-heading" className="font-medium text-sm">
        Shopify webhooks
      </h2>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Shopify posts orders, refunds and inventory changes to{" "}
        <code className="break-all">{endpointPath}</code> on this install, signed with the
        marketplace&apos;s webhook secret. The hourly <em>modified</em> sync still reconciles.
      </p>
      <form action={subscribe} method="post" className="mt-3 flex flex-wrap items-end gap-2">
        <input type="hidden" name="id" value={marketplaceId} />
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs">
          Public URL of this install
          <input
            name="publicUrl"
            type="url"
            required
            value={publicUrl}
            onChange={(event) => setPublicUrl(event.currentTarget.value)}
            placeholder="https://stock.example.com"
            className="h-8 w-full rounded border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="h-8 rounded bg-zinc-900 px-3 text-sm text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          {pending ? "Subscribing…" : "Subscribe webhooks"}
        </button>
      </form>
      {state ? (
        <p
          role="status"
          className={`mt-2 text-xs ${state.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {state.ok ? state.data.message : state.error.message}
        </p>
      ) : null}
    </section>
  );
}
