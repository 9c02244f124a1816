import { roles } from "@/lib/auth/roles";
import type { StaffUserRow } from "@/lib/auth/users";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { listOf, oneOf, textValue } from "./parsers";

/** `/users` (admins): staff accounts, their role and whether they can sign in. */
export const userList = defineList<StaffUserRow>()({
  label: "Users",
  columns: {
    email: { header: "Email", sortable: true },
    name: { header: "Name", sortable: true },
    role: { header: "Role", sortable: true },
    status: { header: "Status" },
    createdAt: { header: "Added", sortable: true },
  },
  filters: {
    q: { kind: "search", label: "Search email or name", parser: textValue(100) },
    role: { kind: "multi", label: "Role", parser: listOf(oneOf(roles)), options: optionsOf(roles) },
    status: {
      kind: "select",
      label: "Status",
      parser: oneOf(["active", "deactivated"]),
      options: optionsOf(["active", "deactivated"]),
    },
  },
  defaultSort: { id: "email", desc: false },
});
