"use client";

import { useRouter } from "next/navigation";
import { type RefObject, useActionState, useEffect, useRef, useState, useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import { acceptPolicies, providers } from "@/db/schema/enums";
import type { ActionResult } from "@/lib/errors";
import { SHOPIFY_DEFAULT_API_VERSION } from "@/lib/marketplaces/shopify/settings";
import { marketplaceBaseUrlSchema } from "@/lib/validations/marketplaces";
import { tokenEnvSchema } from "@/lib/validations/token-env";
import { saveMarketplaceAction, testConnectionAction } from "../actions";

export interface MarketplaceFormValues {
  id?: number;
  code: string;
  name: string;
  provider: string;
  baseUrl: string;
  tokenEnv: string;
  country: string | null;
  acceptPolicy: string;
  active: boolean;
  settings?: Record<string, unknown>;
}

const inputClass =
  "h-8 w-full rounded border border-zinc-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * The server's own rules, checked as the admin types (the server checks them again): a token
 * variable the app reads for itself, or a link-local base URL, is refused before anything is
 * sent.
 */
function checkFields(form: HTMLFormElement): boolean {
  const rules = [
    ["baseUrl", marketplaceBaseUrlSchema],
    ["tokenEnv", tokenEnvSchema],
  ] as const;
  for (const [name, schema] of rules) {
    const input = form.elements.namedItem(name);
    if (!(input instanceof HTMLInputElement)) continue;
    const result = schema.safeParse(input.value);
    input.setCustomValidity(result.success ? "" : (result.error.issues[0]?.message ?? "invalid"));
  }
  return form.checkValidity();
}

/** Saves through the action (which tests the connection first), then back to the list. */
function useSaveMarketplace(initial: MarketplaceFormValues | undefined) {
  const router = useRouter();
  const toast = useToast();
  const [state, save, saving] = useActionState<ActionResult<{ id: number }> | null, FormData>(
    saveMarketplaceAction,
    null,
  );
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast(initial ? "Marketplace saved." : "Marketplace added.", "success");
      router.push("/marketplaces");
    } else toast(state.error.message, "error");
  }, [state, initial, router, toast]);
  return { save, saving };
}

/** "Test connection": the form's values, checked here first, tested by the server. */
function useConnectionTest(formRef: RefObject<HTMLFormElement | null>) {
  const toast = useToast();
  const [testing, startTest] = useTransition();
  function testConnection() {
    const form = formRef.current;
    if (!form || !checkFields(form)) {
      form?.reportValidity();
      return;
    }
    startTest(async () => {
      const result = await testConnectionAction(new FormData(form));
      toast(
        result.ok ? result.data.message : result.error.message,
        result.ok ? "success" : "error",
      );
    });
  }
  return { testing, testConnection };
}

/** Add or edit a marketplace; saving runs the connection test first (server side). */
export function MarketplaceForm({ initial }: { initial?: MarketplaceFormValues }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { save, saving } = useSaveMarketplace(initial);
  const { testing, testConnection } = useConnectionTest(formRef);
  return (
    <form
      ref={formRef}
      action={save}
      onInput={(event) => checkFields(event.currentTarget)}
      className="grid max-w-xl grid-cols-2 gap-3"
    >
      {initial?.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <MarketplaceFields initial={initial} />
      <div className="col-span-2 flex gap-2">
        <button
          type="submit"
          disabled={saving}
          onClick={(event) => {
            const form = event.currentTarget.form;
            if (form) checkFields(form); // the browser then blocks an invalid submit
          }}
          className="rounded bg-blue-600 px-3 py-1.5 text-sm text-white hover:bg-blue-700 disabled:opacity-50"
        >
          {saving ? "Testing and saving…" : initial ? "Save" : "Add marketplace"}
        </button>
        <button
          type="button"
          disabled={testing}
          onClick={testConnection}
          className="rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {testing ? "Testing…" : "Test connection"}
        </button>
      </div>
    </form>
  );
}

function MarketplaceFields({ initial }: { initial?: MarketplaceFormValues }) {
  const [provider, setProvider] = useState(initial?.provider ?? "backmarket");
  return (
    <>
      <Field label="Code" hint="lowercase, e.g. bm-fr">
        <input name="code" required defaultValue={initial?.code} className={inputClass} />
      </Field>
      <Field label="Name">
        <input name="name" required defaultValue={initial?.name} className={inputClass} />
      </Field>
      <Field label="Provider">
        <select
          name="provider"
          value={provider}
          onChange={(event) => setProvider(event.currentTarget.value)}
          className={inputClass}
        >
          {providers.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </Field>
      <Field label="Market" hint="Accept-Language, e.g. fr-fr">
        <input name="country" defaultValue={initial?.country ?? ""} className={inputClass} />
      </Field>
      <Field label="Base URL">
        <input
          name="baseUrl"
          type="url"
          required
          defaultValue={initial?.baseUrl}
          className={inputClass}
        />
      </Field>
      <Field label="Token variable" hint="the env variable holding the API token, e.g. BM_FR_TOKEN">
        <input
          name="tokenEnv"
          required
          pattern="[A-Z][A-Z0-9_]*_TOKEN"
          title="An environment variable name ending in _TOKEN, not one the app reads for itself"
          defaultValue={initial?.tokenEnv}
          className={inputClass}
        />
      </Field>
      <Field label="Accept policy">
        <select
          name="acceptPolicy"
          defaultValue={initial?.acceptPolicy ?? "when_in_stock"}
          className={inputClass}
        >
          {acceptPolicies.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </Field>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="active" defaultChecked={initial?.active ?? true} />
        Active (synced)
      </label>
      {provider === "shopify" ? <ShopifyFields settings={initial?.settings ?? {}} /> : null}
    </>
  );
}

/** A Shopify shop's settings: which shop, which location's stock, the pinned API version. */
function ShopifyFields({ settings }: { settings: Record<string, unknown> }) {
  const text = (key: string) => (typeof settings[key] === "string" ? String(settings[key]) : "");
  return (
    <>
      <Field label="Shop domain" hint="x.myshopify.com">
        <input
          name="shopDomain"
          required
          defaultValue={text("shopDomain")}
          className={inputClass}
        />
      </Field>
      <Field label="Location id" hint="whose available quantity is set">
        <input
          name="locationId"
          required
          defaultValue={text("locationId")}
          placeholder="gid://shopify/Location/123"
          className={inputClass}
        />
      </Field>
      <Field label="API version" hint="pinned, e.g. 2026-04">
        <input
          name="apiVersion"
          defaultValue={text("apiVersion") || SHOPIFY_DEFAULT_API_VERSION}
          className={inputClass}
        />
      </Field>
      <Field label="Webhook secret variable" hint="e.g. SHOP_WEBHOOK_SECRET">
        <input
          name="webhookSecretEnv"
          pattern="[A-Z][A-Z0-9_]*_SECRET"
          title="An environment variable name ending in _SECRET, not one the app reads for itself"
          defaultValue={text("webhookSecretEnv")}
          className={inputClass}
        />
      </Field>
    </>
  );
}

function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
    <label className="flex min-w-0 flex-col gap-1 text-xs [overflow-wrap:anywhere]">
      <span className="font-medium">
        {label}{" "}
        {hint ? (
          <span className="font-normal text-zinc-500 dark:text-zinc-400">({hint})</span>
        ) : null}
      </span>
      {children}
    </label>
  );
}
