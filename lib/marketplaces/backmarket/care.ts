// Back Market after-sales folders (`/ws/sav`) → CareResults.
import type { CareResult } from "../adapter";
import { parsePayload, rawId } from "../parse";
import { bmCareFolderSchema } from "./schemas";

/** `/ws/sav` wants `YYYY-MM-DD-hh-mm` (UTC). */
export function careDate(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}`;
}

export async function* careResults(pages: AsyncIterable<unknown[]>): AsyncIterable<CareResult> {
  for await (const page of pages) {
    for (const raw of page) {
      const parsed = parsePayload(bmCareFolderSchema, raw, (r) => rawId(r, "id"));
      if (!parsed.ok) {
        yield parsed;
        continue;
      }
      const folder = parsed.data;
      yield {
        ok: true,
        record: {
          externalId: folder.id,
          orderItemExternalId: folder.orderline,
          orderExternalId: null,
          state: folder.state === 9 ? "closed" : "open",
          createdAt: folder.date_creation,
          modifiedAt: folder.date_modification,
        },
      };
    }
  }
}
