// What /sync shows in a run's Errors column: information is not dressed as an error.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RunErrors } from "./run-errors";

const render = (run: Parameters<typeof RunErrors>[0]["run"]) =>
  renderToStaticMarkup(createElement(RunErrors, { run }));

describe("RunErrors", () => {
  it("shows an informational message of a run without errors as information, not in red", () => {
    const html = render({
      errors: 0,
      status: "succeeded",
      message: "3 quantity correction(s) queued",
      errorDetails: [],
    });
    expect(html).toContain("0 · 3 quantity correction(s) queued");
    expect(html).not.toContain("text-red");
    expect(html).not.toMatch(/\d+ errors?/);
  });

  it("shows errors, and the reason a run failed without order errors, in red", () => {
    const failed = render({
      errors: 0,
      status: "failed",
      message: "deadline of 900 s passed",
      errorDetails: [],
    });
    expect(failed).toContain("text-red");
    expect(failed).toContain("0 errors · message");
    expect(failed).toContain("deadline of 900 s passed");

    const partial = render({
      errors: 1,
      status: "partial",
      message: null,
      errorDetails: [{ orderId: "61000007", message: "quantity above 1000" }],
    });
    expect(partial).toContain("1 error");
    expect(partial).toContain("61000007");
  });

  it("shows a plain 0 for a clean run", () => {
    expect(render({ errors: 0, status: "succeeded", message: null, errorDetails: [] })).toContain(
      ">0<",
    );
  });
});
