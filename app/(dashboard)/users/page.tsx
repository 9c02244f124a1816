import type { Metadata } from "next";
import { requirePageRole } from "@/app/_server/auth";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { listStaffUsers } from "@/lib/auth/users";
import { AccountStatusButton } from "./_components/account-status-button";
import { AddUserForm } from "./_components/add-user-form";
import { RoleForm } from "./_components/role-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  const users = await listStaffUsers(await getDb());

  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        viewer reads everything; operator can also sync and resync orders; admin can also change
        stock, marketplaces and users. A deactivated account is signed out at once and cannot sign
        in until reactivated. Every change is in the audit log.
      </p>
      <table className="mt-6 w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            <th className="py-2 pr-4">Email</th>
            <th className="py-2 pr-4">Name</th>
            <th className="py-2 pr-4">Role</th>
            <th className="py-2 pr-4">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-zinc-200 dark:border-zinc-800">
              <td className="py-2 pr-4">
                {user.email}
                {user.id === me.id ? " (you)" : ""}
              </td>
              <td className="py-2 pr-4">{user.name}</td>
              <td className="py-2 pr-4">
                <RoleForm userId={user.id} email={user.email} role={user.role} />
              </td>
              <td className="py-2 pr-4">
                <div className="flex items-center gap-2">
                  {user.deactivatedAt ? (
                    <Badge tone="red" title={`since ${user.deactivatedAt.toISOString()}`}>
                      deactivated
                    </Badge>
                  ) : (
                    <Badge tone="green">active</Badge>
                  )}
                  {/* Your own account has no button: the server refuses it anyway. */}
                  {user.id === me.id ? null : (
                    <AccountStatusButton
                      userId={user.id}
                      email={user.email}
                      deactivated={user.deactivatedAt !== null}
                    />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-10 text-lg font-semibold">Add a user</h2>
      <AddUserForm />
    </main>
  );
}
