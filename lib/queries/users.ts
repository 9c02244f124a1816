import "server-only";
import { count, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import type { StaffUserRow } from "@/lib/auth/users";
import type { ListValues } from "@/lib/lists/define";
import type { userList } from "@/lib/lists/users";
import {
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "./table-query";

export type UserSearch = ListValues<typeof userList>;

const filterDefs: ListFilterSql<typeof userList> = {
  q: {
    kind: "where",
    build: (q) =>
      sql`(${users.email} ilike ${likePattern(q, "contains")} or ${users.name} ilike ${likePattern(q, "contains")})`,
  },
  role: { kind: "in", expr: users.role },
  status: {
    kind: "where",
    build: (status) =>
      status === "active"
        ? sql`${users.deactivatedAt} is null`
        : sql`${users.deactivatedAt} is not null`,
  },
};

const sortable: ListSortSql<typeof userList> = {
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
};

/** One page of staff accounts (/users). */
export async function listUserPage(
  db: Executor,
  search: UserSearch,
): Promise<{ rows: StaffUserRow[]; total: number }> {
  const where = buildWhere(filterDefs, search);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        createdAt: users.createdAt,
        deactivatedAt: users.deactivatedAt,
      })
      .from(users)
      .where(where)
      .orderBy(...buildOrderBy(sortable, search.sort, users.id))
      .limit(search.perPage)
      .offset(pageOffset(search.page, search.perPage)),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}
