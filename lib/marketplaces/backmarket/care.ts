// Back Market after-sales folders (`/ws/sav`) → CareResults. An open folder is read in full
// (`/ws/sav/{id}`) to see whether a claim has a customer-to-merchant return label: that is
// how a return shows up on Back Market (a refund alone says nothing about the parcel).
import type { CareResult } from "../adapter";
import { parsePayload, rawId } from "../parse";
import { type BmCareFolderDetails, bmCareFolderDetailsSchema, bmCareFolderSchema } from "./schemas";

/** `/ws/sav` wants `YYYY-MM-DD-hh-mm` (UTC). */
export function careDate(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}`;
}

/** The details of one folder (null: the marketplace no longer knows it). */
export type CareDetailsReader = (folderId: string) => Promise<unknown | null>;

export async function* careResults(
  pages: AsyncIterable<unknown[]>,
  readDetails: CareDetailsReader,
): AsyncIterable<CareResult> {
  for await (const page of pages) {
    for (const raw of page) {
      const parsed = parsePayload(bmCareFolderSchema, raw, (r) => rawId(r, "id"));
      if (!parsed.ok) {
        yield parsed;
        continue;
      }
      const folder = parsed.data;
      const open = folder.state !== 9;
      let customerReturn: { note: string } | null = null;
      if (open) {
        const details = await readDetails(folder.id);
        if (details !== null) {
          const read = parsePayload(bmCareFolderDetailsSchema, details, () => folder.id);
          if (!read.ok) {
            yield read;
            continue;
          }
          customerReturn = customerReturnOf(read.data);
        }
      }
      yield {
        ok: true,
        record: {
          externalId: folder.id,
          orderItemExternalId: folder.orderline,
          orderExternalId: null,
          state: open ? "open" : "closed",
          createdAt: folder.date_creation,
          modifiedAt: folder.date_modification,
          customerReturn,
        },
      };
    }
  }
}

/** A claim with a CUSTOMER_TO_MERCHANT label that did not expire: a parcel is coming back. */
export function customerReturnOf(folder: BmCareFolderDetails): { note: string } | null {
  for (const claim of folder.lines ?? []) {
    const label = (claim.return_labels ?? []).find(
      (candidate) => candidate.kind === "CUSTOMER_TO_MERCHANT" && candidate.state !== "EXPIRED",
    );
    if (label) {
      return {
        note: `care folder ${folder.id}, claim ${claim.id}: return label ${label.state ?? "issued"}`,
      };
    }
  }
  return null;
}
