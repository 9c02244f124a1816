// The demo catalogue of refurbished devices the simulator sells, and the demo credentials shared
// by `npm run dev`, the simulator and the demo seed.

export interface CatalogueEntry {
  sku: string;
  name: string;
  category: "phone" | "tablet" | "laptop";
  brand: string;
  /** Unit price in EUR, as a decimal string. */
  price: string;
  /** Units the demo seller holds (the seed's on_hand; the marketplaces list as many). */
  stock: number;
  /** Back Market listing ids: uuid (current) and int (deprecated). */
  bmListingId: string;
  bmLegacyListingId: number;
  /** Refurbed offer id (int64, as a string on the wire). */
  rfOfferId: string;
  /** The simulated Shopify shop's variant and inventory item (numeric ids of their GIDs). */
  shopifyVariantId: number;
  shopifyInventoryItemId: number;
}

const entries: Omit<
  CatalogueEntry,
  "bmListingId" | "bmLegacyListingId" | "rfOfferId" | "shopifyVariantId" | "shopifyInventoryItemId"
>[] = [
  {
    sku: "IPH13-128-MID-A",
    name: "iPhone 13 128 GB Midnight, Excellent",
    category: "phone",
    brand: "apple",
    price: "489.00",
    stock: 12,
  },
  {
    sku: "IPH13-256-BLU-B",
    name: "iPhone 13 256 GB Blue, Very good",
    category: "phone",
    brand: "apple",
    price: "529.00",
    stock: 6,
  },
  {
    sku: "IPH14P-256-PUR-A",
    name: "iPhone 14 Pro 256 GB Deep Purple, Excellent",
    category: "phone",
    brand: "apple",
    price: "819.00",
    stock: 4,
  },
  {
    sku: "IPH12-64-WHT-C",
    name: "iPhone 12 64 GB White, Good",
    category: "phone",
    brand: "apple",
    price: "299.00",
    stock: 15,
  },
  {
    sku: "SGS22-128-BLK-A",
    name: "Galaxy S22 128 GB Phantom Black, Excellent",
    category: "phone",
    brand: "samsung",
    price: "389.00",
    stock: 9,
  },
  {
    sku: "SGS21FE-128-OLV-B",
    name: "Galaxy S21 FE 128 GB Olive, Very good",
    category: "phone",
    brand: "samsung",
    price: "259.00",
    stock: 7,
  },
  {
    sku: "PIX7-128-SNO-A",
    name: "Pixel 7 128 GB Snow, Excellent",
    category: "phone",
    brand: "google",
    price: "339.00",
    stock: 5,
  },
  {
    sku: "IPAD9-64-SG-A",
    name: "iPad 9th gen 64 GB Wi-Fi Space Grey, Excellent",
    category: "tablet",
    brand: "apple",
    price: "279.00",
    stock: 8,
  },
  {
    sku: "IPADAIR5-256-BLU-B",
    name: "iPad Air 5 256 GB Wi-Fi Blue, Very good",
    category: "tablet",
    brand: "apple",
    price: "599.00",
    stock: 3,
  },
  {
    sku: "TABS8-128-GRA-B",
    name: "Galaxy Tab S8 128 GB Graphite, Very good",
    category: "tablet",
    brand: "samsung",
    price: "449.00",
    stock: 4,
  },
  {
    sku: "MBA-M1-8-256-SG-A",
    name: "MacBook Air M1 8 GB 256 GB Space Grey, Excellent",
    category: "laptop",
    brand: "apple",
    price: "649.00",
    stock: 6,
  },
  {
    sku: "MBP14-M1P-16-512-B",
    name: "MacBook Pro 14 M1 Pro 16 GB 512 GB, Very good",
    category: "laptop",
    brand: "apple",
    price: "1349.00",
    stock: 2,
  },
  {
    sku: "XPS13-I7-16-512-B",
    name: "Dell XPS 13 i7 16 GB 512 GB, Very good",
    category: "laptop",
    brand: "dell",
    price: "729.00",
    stock: 3,
  },
  {
    sku: "TPX1C9-I5-16-256-C",
    name: "ThinkPad X1 Carbon Gen 9 i5 16 GB 256 GB, Good",
    category: "laptop",
    brand: "lenovo",
    price: "619.00",
    stock: 5,
  },
];

export const demoCatalogue: readonly CatalogueEntry[] = entries.map((entry, index) => ({
  ...entry,
  bmListingId: `5d2a6c1e-0000-4000-8000-${String(index + 1).padStart(12, "0")}`,
  bmLegacyListingId: 410_000 + index + 1,
  rfOfferId: String(7_700_000 + index + 1),
  shopifyVariantId: 46_000_001 + index,
  shopifyInventoryItemId: 48_000_001 + index,
}));

/** SKUs that orders sometimes carry but no variation has (old listings, typos). */
export const unknownSkus = ["IPH11-64-RED-C-OLD", "SGS20-128-GRY-B-LEGACY", "PIX6A-128-CHK-B-OLD"];

/** Demo credentials: the simulator accepts them, `npm run dev` puts them in the env. */
export const demoTokens = {
  backmarket: "demo-backmarket-token",
  refurbed: "demo-refurbed-token",
} as const;

/** The env variables the demo marketplaces name in `token_env`. */
export const demoTokenEnv = {
  backmarket: "DEMO_BACKMARKET_TOKEN",
  refurbed: "DEMO_REFURBED_TOKEN",
} as const;

/**
 * The simulated Shopify shop's demo credentials: a legacy custom app's Admin API token, and a
 * Dev Dashboard app's client id and secret (the secret also signs the webhooks).
 */
export const demoShopify = {
  token: "shpat_demo-shopify-token",
  clientId: "demo-shopify-client-id",
  clientSecret: "demo-shopify-client-secret",
  tokenEnv: "DEMO_SHOPIFY_TOKEN",
  webhookSecretEnv: "DEMO_SHOPIFY_WEBHOOK_SECRET",
  // Not containing the demo admin's password (stocklock-demo): the e2e secret scan looks for it.
  shopDomain: "refurb-demo-shop.myshopify.com",
  locationId: "gid://shopify/Location/1",
} as const;
