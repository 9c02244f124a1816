"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/run-action";
import { getDb } from "@/db/client";
import type { ListingRules } from "@/lib/domain/publishable";
import type { ActionResult } from "@/lib/errors";
import { setListingDefaults } from "@/lib/marketplace-admin/listing-defaults";
import {
  createMarketplace,
  testMarketplaceConnection,
  updateMarketplace,
} from "@/lib/marketplace-admin/manage";
import {
  publicUrlSchema,
  subscribeShopifyWebhooks,
} from "@/lib/marketplace-admin/shopify-webhooks";
import {
  type ListingDefaultsInput,
  listingDefaultsInputSchema,
} from "@/lib/validations/listing-rules";
import { marketplaceInputSchema, marketplaceUpdateSchema } from "@/lib/validations/marketplaces";
import { idParam } from "@/lib/validations/search-params";

const subscribeSchema = z.object({ id: idParam, publicUrl: publicUrlSchema });

function formInput(form: FormData) {
  return {
    id: form.get("id") ?? undefined,
    code: form.get("code"),
    name: form.get("name"),
    provider: form.get("provider"),
    baseUrl: form.get("baseUrl"),
    tokenEnv: form.get("tokenEnv"),
    country: form.get("country"),
    acceptPolicy: form.get("acceptPolicy"),
    active: form.get("active") === "on",
    shopDomain: form.get("shopDomain") ?? undefined,
    locationId: form.get("locationId") ?? undefined,
    apiVersion: form.get("apiVersion") ?? undefined,
    webhookSecretEnv: form.get("webhookSecretEnv") ?? undefined,
  };
}

/** Admin: checks the form's credentials against the marketplace without saving anything. */
export async function testConnectionAction(
  form: FormData,
): Promise<ActionResult<{ message: string }>> {
  return runAction(
    {
      action: "marketplace.connection_tested",
      role: "admin",
      schema: marketplaceInputSchema,
      target: (input) => `marketplace:${input.code}`,
      run: async (input) => {
        await testMarketplaceConnection({ ...input, country: input.country ?? null });
        return { message: `Connected to ${input.baseUrl} with ${input.tokenEnv}.` };
      },
      auditSuccess: (result) => result,
    },
    formInput(form),
  );
}

export async function saveMarketplaceAction(
  _previous: ActionResult<{ id: number }> | null,
  form: FormData,
): Promise<ActionResult<{ id: number }>> {
  const raw = formInput(form);
  const result =
    raw.id === undefined
      ? await runAction(
          {
            action: "marketplace.created",
            role: "admin",
            schema: marketplaceInputSchema,
            target: (input) => `marketplace:${input.code}`,
            run: async (input, { actor, ip }) =>
              createMarketplace(await getDb(), input, { actor, ip }),
          },
          raw,
        )
      : await runAction(
          {
            action: "marketplace.updated",
            role: "admin",
            schema: marketplaceUpdateSchema,
            target: (input) => `marketplace:${input.code}`,
            run: async ({ id, ...input }, { actor, ip }) =>
              updateMarketplace(await getDb(), id, input, { actor, ip }),
          },
          raw,
        );
  if (result.ok) revalidatePath("/marketplaces");
  return result;
}

/** Admin: the rules new listings of this marketplace start with (existing ones keep theirs). */
export async function saveListingDefaultsAction(
  raw: ListingDefaultsInput,
): Promise<ActionResult<{ before: ListingRules; after: ListingRules }>> {
  const result = await runAction(
    {
      action: "marketplace.listing_defaults_changed",
      role: "admin",
      schema: listingDefaultsInputSchema,
      target: (input) => `marketplace:${input.marketplaceId}`,
      run: async ({ marketplaceId, rules }, { actor, ip }) =>
        setListingDefaults(await getDb(), marketplaceId, rules, { actor, ip }),
    },
    raw,
  );
  if (result.ok) revalidatePath(`/marketplaces/${raw.marketplaceId}`);
  return result;
}

/**
 * Admin: subscribes a Shopify marketplace's webhooks to this install's public URL (the
 * subscription call audits itself, success or failure).
 */
export async function subscribeWebhooksAction(
  _previous: ActionResult<{ message: string }> | null,
  form: FormData,
): Promise<ActionResult<{ message: string }>> {
  return runAction(
    {
      action: "marketplace.webhooks_subscribe",
      role: "admin",
      schema: subscribeSchema,
      target: (input) => `marketplace:${input.id}`,
      run: async (input, { actor, ip }) => {
        const result = await subscribeShopifyWebhooks(await getDb(), input.id, input.publicUrl, {
          actor,
          ip,
        });
        const created = result.subscriptions.filter((s) => s.created).length;
        return {
          message: `${created} subscription(s) created, ${result.subscriptions.length - created} already there → ${result.endpoint}`,
        };
      },
    },
    { id: form.get("id"), publicUrl: form.get("publicUrl") },
  );
}
