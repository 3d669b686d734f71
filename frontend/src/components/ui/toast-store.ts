/** Toasts for the results of actions: `toast(...)` from anywhere, <Toaster /> shows them. */
import { useSyncExternalStore } from "react";

export type ToastTone = "success" | "error" | "info";

export interface ToastMessage {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
}

let messages: ToastMessage[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: ToastMessage[]) {
  messages = next;
  for (const listener of listeners) listener();
}

/** Shows a toast; errors stay until dismissed, others close by themselves. Returns its id. */
export function toast(message: Omit<ToastMessage, "id">): number {
  const id = nextId++;
  publish([...messages, { ...message, id }].slice(-3));
  return id;
}

export function dismissToast(id: number): void {
  publish(messages.filter((message) => message.id !== id));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): ToastMessage[] {
  return useSyncExternalStore(subscribe, () => messages);
}
