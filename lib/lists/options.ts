import type { FilterOption } from "./define";

/** Filter options from a vocabulary (the schema's status lists); labels default to the values. */
export function optionsOf<T extends string>(
  values: readonly T[],
  label: (value: T) => string = (value) => value,
): FilterOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}
