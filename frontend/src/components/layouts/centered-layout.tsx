/** One card in the middle of the screen: sign-in, password pages, refusals, payment results. */
import type { ReactNode } from "react";
import { Brand } from "./brand";

export function CenteredLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:justify-center">
      <header className="mb-6">
        <Brand />
      </header>
      <main id="main" className="w-full max-w-md">
        {children}
      </main>
    </div>
  );
}
