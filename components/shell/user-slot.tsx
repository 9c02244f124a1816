import { SignOutButton } from "@/app/_components/sign-out-button";

export interface ShellUser {
  name: string;
  email: string;
  role: string;
}

export function UserSlot({ user }: { user: ShellUser | null }) {
  if (!user) {
    return <p className="px-2 text-xs text-zinc-600 dark:text-zinc-400">Not signed in</p>;
  }
  return (
    <div className="px-2 text-xs" data-testid="signed-in-user">
      <p className="truncate font-medium" title={user.email}>
        {user.name}
      </p>
      <p className="truncate text-zinc-600 dark:text-zinc-400">
        {user.email} · <span data-testid="signed-in-role">{user.role}</span>
      </p>
      <div className="mt-1">
        <SignOutButton className="text-xs underline" />
      </div>
    </div>
  );
}
