import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { userList } from "@/lib/lists/users";
import { settle } from "@/lib/queries/settle";
import { listUserPage } from "@/lib/queries/users";
import { AddUserForm } from "./_components/add-user-form";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const me = await requirePageRole("admin");
  const { values, invalid } = parseListParams(userList, await searchParams);
  const db = await getDb();
  const users = settle("users", () => listUserPage(db, values));
  return (
    <>
      <PageHeader
        title="Users"
        description="viewer reads everything; operator can also sync and resync orders; admin can also change stock, marketplaces and users. A deactivated account is signed out at once and cannot sign in until reactivated. Every change is in the audit log."
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<DataTableSkeleton columns={5} rows={6} />}>
        <UsersTable promise={users} meId={me.id} />
      </Suspense>
      <h2 className="mt-10 text-lg font-semibold">Add a user</h2>
      <AddUserForm />
    </>
  );
}
