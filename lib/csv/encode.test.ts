import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream } from "./encode";

describe("csv encoding", () => {
  it("quotes what needs quoting and guards formulas", () => {
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2025-01-02T03:04:05Z"))).toBe("2025-01-02T03:04:05.000Z");
    expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
  });

  it("streams the header then every batch", async () => {
    async function* batches() {
      yield [{ id: 1 }, { id: 2 }];
      yield [{ id: 3 }];
    }
    const stream = csvStream(
      [{ header: "id", value: (r: { id: number }) => r.id }],
      batches(),
      () => {},
    );
    const text = await new Response(stream).text();
    expect(text).toBe("id\r\n1\r\n2\r\n3\r\n");
  });
});
