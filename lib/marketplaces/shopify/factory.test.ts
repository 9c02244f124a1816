// createAdapter for Shopify rows: settings checked, the static token or the client id and
// secret read from the variables the row names (names the app reads for itself refused).
import { describe, expect, it } from "vitest";
import { createAdapter, type MarketplaceRow } from "../factory";
import { ShopifyClient } from "./client";

const settings = { shopDomain: "x.myshopify.com", locationId: "7" };
const row = (overrides: Partial<MarketplaceRow> = {}): MarketplaceRow => ({
  id: 1,
  code: "shop",
  provider: "shopify",
  baseUrl: "https://x.myshopify.com",
  tokenEnv: "SHOP_TOKEN",
  country: null,
  settings,
  ...overrides,
});

describe("createAdapter (shopify)", () => {
  it("builds a Shopify client with a static token, the location as a GID and the default version", () => {
    const adapter = createAdapter(row(), { env: { SHOP_TOKEN: "shpat_x" } });
    expect(adapter).toBeInstanceOf(ShopifyClient);
    expect((adapter as ShopifyClient).settings).toMatchObject({
      locationId: "gid://shopify/Location/7",
      apiVersion: "2026-04",
    });
  });

  it("refuses incomplete settings, naming the field", () => {
    expect(() => createAdapter(row({ settings: {} }), { env: { SHOP_TOKEN: "t" } })).toThrow(
      /Shopify settings are incomplete.*shopDomain/,
    );
    expect(() =>
      createAdapter(row({ settings: { ...settings, apiVersion: "2026-05" } }), {
        env: { SHOP_TOKEN: "t" },
      }),
    ).toThrow(/stable Admin API version/);
  });

  it("reads a client id and secret instead of a token for client-credentials apps", () => {
    const cc = row({
      settings: {
        ...settings,
        clientIdEnv: "SHOP_CLIENT_ID",
        clientSecretEnv: "SHOP_CLIENT_SECRET",
      },
    });
    // No SHOP_TOKEN needed.
    expect(
      createAdapter(cc, { env: { SHOP_CLIENT_ID: "id", SHOP_CLIENT_SECRET: "secret" } }),
    ).toBeInstanceOf(ShopifyClient);
    expect(() => createAdapter(cc, { env: { SHOP_CLIENT_ID: "id" } })).toThrow(
      "Marketplace shop: environment variable SHOP_CLIENT_SECRET (its client secret) is not set",
    );
  });

  it("refuses secret variables the app reads for itself, even in a stored row", () => {
    const stolen = row({
      settings: {
        ...settings,
        clientIdEnv: "SHOP_CLIENT_ID",
        clientSecretEnv: "BETTER_AUTH_SECRET",
      },
    });
    expect(() =>
      createAdapter(stolen, { env: { SHOP_CLIENT_ID: "id", BETTER_AUTH_SECRET: "x".repeat(40) } }),
    ).toThrow(/reads for itself/);
  });
});
