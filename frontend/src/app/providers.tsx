/** Everything pages rely on: the query cache, the session, and the toasts. */
import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { LazyToaster } from "@/components/ui/lazy-toaster";
import { AuthProvider } from "@/features/auth/components/auth-provider";
import { createQueryClient } from "./query-client";

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        {children}
        <LazyToaster />
      </AuthProvider>
    </QueryClientProvider>
  );
}
