"use client";

import { useMemo } from "react";
import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import type { StaffUserRow } from "@/lib/auth/users";
import { userList } from "@/lib/lists/users";
import { AccountStatusButton } from "./account-status-button";
import { RoleForm } from "./role-form";

function AccountStatus({ user, isMe }: { user: StaffUserRow; isMe: boolean }) {
  return (
    <div className="flex items-center gap-2">
      {user.deactivatedAt ? (
        <Badge tone="red" title={`since ${user.deactivatedAt.toISOString()}`}>
          deactivated
        </Badge>
      ) : (
        <Badge tone="green">active</Badge>
      )}
      {/* Your own account has no button: the server refuses it anyway. */}
      {isMe ? null : (
        <AccountStatusButton
          userId={user.id}
          email={user.email}
          deactivated={user.deactivatedAt !== null}
        />
      )}
    </div>
  );
}

function cellsFor(meId: string): ListCells<typeof userList> {
  return {
    email: (user) => `${user.email}${user.id === meId ? " (you)" : ""}`,
    name: (user) => user.name,
    role: (user) => <RoleForm userId={user.id} email={user.email} role={user.role} />,
    status: (user) => <AccountStatus user={user} isMe={user.id === meId} />,
    createdAt: (user) => <DateTime value={user.createdAt} />,
  };
}

/** Staff accounts with their role form and (de)activation button per row (admins only). */
export function UsersTable({
  promise,
  meId,
}: {
  promise: Promise<TableResult<{ rows: StaffUserRow[]; total: number }>>;
  meId: string;
}) {
  const cells = useMemo(() => cellsFor(meId), [meId]);
  return (
    <DataTable
      list={userList}
      promise={promise}
      cells={cells}
      getRowId={(row) => row.id}
      emptyMessage="No users match these filters."
      caption={(page) => <>{page.total.toLocaleString("en")} users</>}
    />
  );
}
