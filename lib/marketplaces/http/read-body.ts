// A response body read up to a byte limit: a marketplace (or whatever stands in front of it)
// that streams without end is cut off at the limit instead of filling the process's memory.
import { MarketplaceHttpError } from "./errors";

export async function readBoundedText(
  response: Response,
  maxBytes: number,
  what: string,
): Promise<string> {
  const tooLarge = () =>
    new MarketplaceHttpError(
      `${what} answered more than ${maxBytes} bytes (the limit for one response); not read`,
      response.status,
    );
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
