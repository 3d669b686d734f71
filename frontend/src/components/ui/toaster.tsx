/** Renders the toasts (Radix Toast: announced to screen readers, F8 jumps to them, swipe to close). */
import { X } from "lucide-react";
import { Toast } from "radix-ui";
import { cn } from "@/lib/cn";
import { dismissToast, useToasts, type ToastTone } from "./toast-store";

const toneClass: Record<ToastTone, string> = {
  success: "border-emerald-300",
  error: "border-red-300",
  info: "border-slate-200",
};

export function Toaster() {
  const messages = useToasts();
  return (
    <Toast.Provider swipeDirection="right" duration={5000}>
      {messages.map((message) => (
        <Toast.Root
          key={message.id}
          type={message.tone === "error" ? "foreground" : "background"}
          duration={message.tone === "error" ? Number.POSITIVE_INFINITY : undefined}
          onOpenChange={(open) => {
            if (!open) dismissToast(message.id);
          }}
          className={cn(
            "relative grid gap-1 rounded-md border-l-4 bg-white p-4 pr-10 shadow-lg data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)",
            toneClass[message.tone],
          )}
        >
          <Toast.Title className="text-sm font-semibold">{message.title}</Toast.Title>
          {message.description ? (
            <Toast.Description className="text-sm text-slate-600">{message.description}</Toast.Description>
          ) : null}
          <Toast.Close className="absolute top-3 right-3 rounded-sm text-slate-500 hover:text-slate-900">
            <X className="size-4" aria-hidden="true" />
            <span className="sr-only">Dismiss</span>
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-0 bottom-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </Toast.Provider>
  );
}
