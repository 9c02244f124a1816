/** Tells staff which URL parameters were ignored, instead of silently showing another view. */
export function InvalidParams({ invalid }: { invalid: { param: string; message: string }[] }) {
  if (invalid.length === 0) return null;
  return (
    <p
      role="status"
      className="mb-2 rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      Ignored invalid URL parameters:{" "}
      {invalid.map((i) => (
        <span key={i.param} className="mr-2">
          <code>{i.param}</code> ({i.message})
        </span>
      ))}
    </p>
  );
}
