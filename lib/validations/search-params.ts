import { z } from "zod";

// A list page's URL parameters are parsed by its spec (lib/lists); this is the id of a
// detail page or an action's input.

/** A database id (positive int4), from a path segment or a form field. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
