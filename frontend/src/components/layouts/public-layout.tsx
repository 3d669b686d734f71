/** Public pages (course landing pages): a slim header, the page, a footer. */
import type { ReactNode } from "react";
import { Brand } from "./brand";

export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center px-4">
          <Brand />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-500">
        Questions? Reply to any message from us, or write to the center.
      </footer>
    </div>
  );
}
