import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    // On a phone the actions wrap below the title.
    <header className="mb-3 flex flex-wrap items-end gap-x-3 gap-y-2">
      <div className="min-w-0 basis-full sm:basis-auto">
        <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
        {description ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{description}</p>
        ) : null}
      </div>
      {actions ? (
        <div className="flex flex-wrap items-center gap-2 sm:ml-auto">{actions}</div>
      ) : null}
    </header>
  );
}
