export interface ShellUser {
  name: string;
  email?: string;
  role: string;
}

export function UserSlot({ user }: { user: ShellUser | null }) {
  if (!user) {
    return <p className="px-2 text-xs text-zinc-500">Not signed in</p>;
  }
  return (
    <div className="px-2 text-xs">
      <p className="truncate font-medium" title={user.email}>
        {user.name}
      </p>
      <p className="text-zinc-500">{user.role}</p>
    </div>
  );
}
