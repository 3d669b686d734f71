/** The sections of each signed-in area, in sidebar order. Feature routes mount at these paths. */
import {
  BookOpen,
  CalendarDays,
  ClipboardCheck,
  CreditCard,
  GraduationCap,
  Home,
  Inbox,
  Megaphone,
  Send,
  Settings,
  UserRound,
  Users,
} from "lucide-react";
import type { NavItem } from "@/components/layouts/app-shell";
import { AREA_HOMES } from "./area-homes";

export const adminNavigation: NavItem[] = [
  { label: "Today", to: AREA_HOMES.admin, icon: Home },
  { label: "Leads", to: "/admin/leads", icon: Users },
  { label: "CTA review", to: "/admin/cta-review", icon: ClipboardCheck },
  { label: "Inbox", to: "/admin/inbox", icon: Inbox },
  { label: "Campaigns", to: "/admin/campaigns", icon: Megaphone },
  { label: "Payments", to: "/admin/payments", icon: CreditCard },
  { label: "Courses & batches", to: "/admin/courses", icon: BookOpen },
  { label: "Outbox", to: "/admin/outbox", icon: Send },
  { label: "Settings", to: "/admin/settings", icon: Settings },
];

export const instructorNavigation: NavItem[] = [
  { label: "My batches", to: AREA_HOMES.instructor, icon: GraduationCap },
  { label: "Sessions", to: "/instructor/sessions", icon: CalendarDays },
  { label: "Submissions", to: "/instructor/submissions", icon: ClipboardCheck },
];

export const studentNavigation: NavItem[] = [
  { label: "Home", to: AREA_HOMES.student, icon: Home },
  { label: "Payments", to: "/student/payments", icon: CreditCard },
  { label: "Profile", to: "/student/profile", icon: UserRound },
];
