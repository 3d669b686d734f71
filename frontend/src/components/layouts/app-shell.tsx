/**
 * The signed-in frame: a sidebar of sections on wide screens, a menu button that opens the same
 * sections in a drawer on a phone, a skip link, and the page in a <main> landmark.
 */
import { Menu } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { useState, type ComponentType, type ReactNode } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { Brand } from "./brand";

export interface NavItem {
  label: string;
  to: string;
  icon: ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }>;
  /** Match only this exact path (for an area's home page). */
  end?: boolean;
}

interface AppShellProps {
  /** What this area is called, e.g. "Admin"; names the navigation for screen readers. */
  area: string;
  home: string;
  nav: NavItem[];
  /** The account menu in the top bar (who is signed in, sign out). */
  account: ReactNode;
}

function NavList({ nav, onNavigate }: { nav: NavItem[]; onNavigate?: () => void }) {
  return (
    <ul className="grid gap-1">
      {nav.map(({ label, to, icon: Icon, end }) => (
        <li key={to}>
          <NavLink
            to={to}
            end={end}
            onClick={onNavigate}
            className={({ isActive }) =>
              cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100",
                isActive && "bg-brand-50 text-brand-700 hover:bg-brand-50",
              )
            }
          >
            <Icon className="size-4 shrink-0" aria-hidden="true" />
            {label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

export function AppShell({ area, home, nav, account }: AppShellProps) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  const current = nav.find((item) => (item.end ? pathname === item.to : pathname.startsWith(item.to)));

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-white lg:block">
        <div className="sticky top-0 flex h-dvh flex-col gap-6 p-4">
          <Brand to={home} />
          <nav aria-label={`${area} sections`}>
            <NavList nav={nav} />
          </nav>
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4">
          <DialogPrimitive.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
            <DialogPrimitive.Trigger asChild>
              <Button variant="ghost" size="icon" className="lg:hidden">
                <Menu aria-hidden="true" />
                <span className="sr-only">Open the {area.toLowerCase()} menu</span>
              </Button>
            </DialogPrimitive.Trigger>
            <DialogPrimitive.Portal>
              <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-950/50 lg:hidden" />
              <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 bg-white p-4 shadow-xl outline-none lg:hidden">
                <DialogPrimitive.Title className="sr-only">{area} menu</DialogPrimitive.Title>
                <DialogPrimitive.Description className="sr-only">Go to a section.</DialogPrimitive.Description>
                <Brand to={home} />
                <nav aria-label={`${area} sections`}>
                  <NavList nav={nav} onNavigate={() => { setDrawerOpen(false); }} />
                </nav>
              </DialogPrimitive.Content>
            </DialogPrimitive.Portal>
          </DialogPrimitive.Root>
          <p className="truncate font-semibold">
            <span className="text-slate-500">{area}</span>
            {current ? <span className="text-slate-900"> · {current.label}</span> : null}
          </p>
          <div className="ml-auto">{account}</div>
        </header>
        <main id="main" tabIndex={-1} className="w-full max-w-6xl flex-1 p-4 outline-none sm:p-6">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
