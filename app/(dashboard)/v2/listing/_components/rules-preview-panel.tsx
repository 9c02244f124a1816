"use client";

import type { RulesPreview } from "../actions";
import type { PreviewState } from "./use-rules-preview";
import { describeRules, ExplainSteps } from "./why-quantity";

/** What the rules would do: one listing's new number explained, or a bulk change's counts and examples. */
export function RulesPreviewPanel({
  state,
  ready,
  single,
}: {
  state: PreviewState;
  ready: RulesPreview | null;
  single: boolean;
}) {
  if (state.status === "error") {
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        {state.message}
      </p>
    );
  }
  return (
    <section
      aria-label="Preview"
      aria-live="polite"
      aria-busy={!ready}
      className="min-h-24 rounded border border-zinc-200 p-2 dark:border-zinc-700"
    >
      {!ready ? (
        <p className="text-zinc-500 dark:text-zinc-400">Working out the new quantities…</p>
      ) : single ? (
        <SinglePreview preview={ready} />
      ) : (
        <BulkPreview preview={ready} />
      )}
    </section>
  );
}

function SinglePreview({ preview }: { preview: RulesPreview }) {
  const example = preview.examples[0];
  if (!example)
    return <p className="text-zinc-500 dark:text-zinc-400">This listing no longer exists.</p>;
  return (
    <div className="flex flex-col gap-2">
      <p>
        Publishable{" "}
        <strong className="tabular-nums" data-testid="preview-publishable">
          {example.before.publishable} → {example.after.publishable}
        </strong>
        {example.before.publishable === example.after.publishable
          ? " (unchanged)"
          : " (pushed when saved)"}
      </p>
      {preview.explanation ? <ExplainSteps steps={preview.explanation.steps} /> : null}
    </div>
  );
}

function BulkPreview({ preview }: { preview: RulesPreview }) {
  return (
    <div className="flex flex-col gap-2">
      <p data-testid="preview-counts">
        {preview.matched} listing(s) · {preview.rulesChanged} with new rules ·{" "}
        <strong>{preview.publishableChanged} with a new publishable quantity</strong> (each pushed
        when saved)
      </p>
      {preview.examples.length > 0 ? (
        <table className="w-full text-xs" aria-label="Examples">
          <thead className="text-left text-zinc-500 dark:text-zinc-400">
            <tr>
              <th scope="col">Listing</th>
              <th scope="col">Rules now → then</th>
              <th scope="col">Publishable</th>
            </tr>
          </thead>
          <tbody>
            {preview.examples.map((example) => (
              <tr key={example.listingId} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-0.5 pr-2">
                  <span className="font-mono">{example.sku}</span> · {example.marketplaceCode}
                </td>
                <td className="pr-2">
                  {describeRules(example.before)} → {describeRules(example.after)}
                </td>
                <td className="tabular-nums">
                  {example.before.publishable} → {example.after.publishable}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
