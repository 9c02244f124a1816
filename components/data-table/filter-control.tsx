"use client";

import { useEffect, useRef, useState } from "react";
import type { FilterField } from "./types";

const inputClass =
  "h-8 rounded border border-zinc-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900";

/** One toolbar filter bound to one URL parameter. */
export function FilterControl({
  field,
  value,
  onChange,
}: {
  field: FilterField;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const id = `filter-${field.id}`;
  switch (field.kind) {
    case "multi":
      return <MultiSelect field={field} value={value} onChange={onChange} />;
    case "select":
      return (
        <label className="flex items-center gap-1" htmlFor={id}>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{field.label}</span>
          <select
            id={id}
            className={inputClass}
            value={value ?? ""}
            onChange={(event) => onChange(event.target.value || null)}
          >
            <option value="">All</option>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      );
    case "date":
      return (
        <label className="flex items-center gap-1" htmlFor={id}>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{field.label}</span>
          <input
            id={id}
            type="date"
            className={inputClass}
            value={value ?? ""}
            onChange={(event) => onChange(event.target.value || null)}
          />
        </label>
      );
    case "toggle":
      return (
        <label className="flex items-center gap-1.5 text-xs" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === "1"}
            onChange={(event) => onChange(event.target.checked ? "1" : null)}
          />
          {field.label}
        </label>
      );
    case "text":
      return <DebouncedText id={id} field={field} value={value} onChange={onChange} />;
  }
}

function DebouncedText({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: FilterField;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const [text, setText] = useDebouncedInput(value, onChange);
  return (
    <label className="flex items-center gap-1" htmlFor={id}>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">{field.label}</span>
      <input
        id={id}
        className={`${inputClass} w-32`}
        placeholder={field.placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </label>
  );
}

/** Local text that is written to the URL 300 ms after the last keystroke. */
export function useDebouncedInput(
  value: string | null,
  onChange: (value: string | null) => void,
): [string, (text: string) => void] {
  const [text, setText] = useState(value ?? "");
  const [dirty, setDirty] = useState(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Follow the URL when it changes from elsewhere (reset, back button).
  useEffect(() => {
    if (!dirty) setText(value ?? "");
  }, [value, dirty]);
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      setDirty(false);
      onChangeRef.current(text.trim() || null);
    }, 300);
    return () => clearTimeout(timer);
  }, [text, dirty]);
  return [
    text,
    (next) => {
      setText(next);
      setDirty(true);
    },
  ];
}

function MultiSelect({
  field,
  value,
  onChange,
}: {
  field: FilterField;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const selected = new Set((value ?? "").split(",").filter(Boolean));
  function toggle(option: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(option);
    else next.delete(option);
    // Keep the option order stable so equal filters give equal URLs.
    const ordered = field.options.map((o) => o.value).filter((v) => next.has(v));
    onChange(ordered.length > 0 ? ordered.join(",") : null);
  }
  return (
    <details className="relative">
      <summary
        className={`${inputClass} flex cursor-pointer list-none items-center gap-1 select-none`}
      >
        {field.label}
        {selected.size > 0 ? (
          <span className="rounded bg-blue-100 px-1 text-xs text-blue-800 dark:bg-blue-900 dark:text-blue-100">
            {selected.size}
          </span>
        ) : null}
        <span aria-hidden>▾</span>
      </summary>
      <fieldset className="absolute z-20 mt-1 flex max-h-72 min-w-44 flex-col gap-1 overflow-auto rounded border border-zinc-300 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <legend className="sr-only">{field.label}</legend>
        {field.options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 whitespace-nowrap">
            <input
              type="checkbox"
              name={field.id}
              value={option.value}
              checked={selected.has(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
