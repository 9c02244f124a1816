// Vocabulary for generated data: refurbished devices sold on Back Market and Refurbed.
import { sql } from "drizzle-orm";

export const seedMarketplaces = [
  { code: "bm-fr", name: "Back Market FR", provider: "backmarket", country: "fr-fr", weight: 4 },
  { code: "bm-de", name: "Back Market DE", provider: "backmarket", country: "de-de", weight: 2 },
  { code: "bm-es", name: "Back Market ES", provider: "backmarket", country: "es-es", weight: 1 },
  { code: "bm-it", name: "Back Market IT", provider: "backmarket", country: "it-it", weight: 1 },
  { code: "rf-de", name: "Refurbed DE", provider: "refurbed", country: "de", weight: 2 },
  { code: "rf-at", name: "Refurbed AT", provider: "refurbed", country: "at", weight: 1 },
] as const;

const models: [code: string, name: string][] = [
  ["IP11", "iPhone 11"],
  ["IP12", "iPhone 12"],
  ["IP12P", "iPhone 12 Pro"],
  ["IP13", "iPhone 13"],
  ["IP13M", "iPhone 13 mini"],
  ["IP13P", "iPhone 13 Pro"],
  ["IP14", "iPhone 14"],
  ["IP14P", "iPhone 14 Pro"],
  ["IP15", "iPhone 15"],
  ["IPSE3", "iPhone SE (2022)"],
  ["GS21", "Galaxy S21"],
  ["GS22", "Galaxy S22"],
  ["GS23", "Galaxy S23"],
  ["GA54", "Galaxy A54"],
  ["PX7", "Pixel 7"],
  ["PX8", "Pixel 8"],
  ["IPADA5", "iPad Air 5"],
  ["IPAD9", "iPad 9"],
  ["MBAM1", "MacBook Air M1"],
  ["MBAM2", "MacBook Air M2"],
];
const storages = [64, 128, 256, 512];
const colours = ["Black", "White", "Blue", "Red", "Green", "Purple", "Gold", "Silver"];
const grades = ["A", "B", "C"];

export const firstNames = [
  "Camille",
  "Lukas",
  "Sofia",
  "Marco",
  "Léa",
  "Jonas",
  "Lucía",
  "Giulia",
  "Hugo",
  "Anna",
  "Paul",
  "Emma",
  "Noah",
  "Mia",
  "Elias",
  "Chloé",
];
export const lastNames = [
  "Martin",
  "Müller",
  "García",
  "Rossi",
  "Bernard",
  "Schmidt",
  "López",
  "Bianchi",
  "Dubois",
  "Fischer",
  "Moreau",
  "Weber",
  "Romano",
  "Huber",
  "Fernández",
  "Leroy",
];

function textArray(values: readonly string[]) {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

function intArray(values: readonly number[]) {
  return sql.raw(`array[${values.map((v) => Math.trunc(v)).join(", ")}]::int[]`);
}

/** Every SKU combination as rows (sku, name), in random order. */
export function variationCombinations() {
  return sql`
    select m.code || '-' || s || '-' || upper(left(c, 3)) || '-' || g as sku,
           m.name || ' ' || s || ' GB ' || c || ' – grade ' || g as name
    from unnest(${textArray(models.map((m) => m[0]))}, ${textArray(models.map((m) => m[1]))}) as m(code, name)
    cross join unnest(${intArray(storages)}) as s
    cross join unnest(${textArray(colours)}) as c
    cross join unnest(${textArray(grades)}) as g
    order by random()`;
}

export const variationCombinationCount =
  models.length * storages.length * colours.length * grades.length;

export { intArray, textArray };
