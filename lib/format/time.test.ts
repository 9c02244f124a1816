import { describe, expect, it } from "vitest";
import { formatAbsolute, formatDuration, formatRelative } from "./time";

describe("time formatting", () => {
  const now = new Date("2025-11-21T12:00:00Z");

  it("formats absolute times in UTC", () => {
    expect(formatAbsolute(new Date("2025-01-02T03:04:59Z"))).toBe("2025-01-02 03:04");
  });

  it("formats relative times in the past and the future", () => {
    expect(formatRelative(new Date("2025-11-21T11:59:58Z"), now)).toBe("now");
    expect(formatRelative(new Date("2025-11-21T11:59:00Z"), now)).toBe("1 min ago");
    expect(formatRelative(new Date("2025-11-21T09:00:00Z"), now)).toBe("3 h ago");
    expect(formatRelative(new Date("2025-11-11T12:00:00Z"), now)).toBe("10 d ago");
    expect(formatRelative(new Date("2025-11-21T12:05:00Z"), now)).toBe("in 5 min");
  });

  it("formats durations", () => {
    expect(formatDuration(340)).toBe("340 ms");
    expect(formatDuration(1250)).toBe("1.3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(null)).toBe("—");
  });
});
