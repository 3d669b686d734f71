/** The frames of the three signed-in areas: each guarded by role, each with its own sections. */
import { AppShell, type NavItem } from "@/components/layouts/app-shell";
import { AccountMenu } from "@/features/auth/components/account-menu";
import { RequireRole } from "@/features/auth/components/require-role";
import type { UserRole } from "@/features/auth/roles";
import { adminNavigation, instructorNavigation, studentNavigation } from "../navigation";

interface AreaProps {
  name: string;
  home: string;
  nav: NavItem[];
  allowed: readonly UserRole[];
}

function Area({ name, home, nav, allowed }: AreaProps) {
  return (
    <RequireRole allowed={allowed}>
      <AppShell area={name} home={home} nav={nav} account={<AccountMenu />} />
    </RequireRole>
  );
}

/** /admin/*: the command center, for admins only. */
export function AdminArea() {
  return <Area name="Admin" home="/admin" nav={adminNavigation} allowed={["admin"]} />;
}

/** /instructor/*: teaching, for instructors (and admins, who may see everything). */
export function InstructorArea() {
  return <Area name="Teaching" home="/instructor" nav={instructorNavigation} allowed={["instructor", "admin"]} />;
}

/** /student/*: the student portal, for students only. */
export function StudentArea() {
  return <Area name="Student" home="/student" nav={studentNavigation} allowed={["student"]} />;
}
