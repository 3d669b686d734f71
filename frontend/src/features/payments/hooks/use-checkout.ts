/**
 * Opens a payment link once the page loads (never on hover or prefetch: opening may make an order),
 * goes to the provider's checkout when the service says so, and asks again while an order is being made.
 */
import { useEffect, useRef, useState } from "react";
import { openCheckout } from "../api/open-checkout";
import type { Checkout } from "../payment-checkout";

export type CheckoutView = { state: "opening" } | Checkout | { state: "failed"; error: Error };

export function useCheckout(link: string) {
  const [view, setView] = useState<CheckoutView>({ state: "opening" });
  const [attempt, setAttempt] = useState(0);
  // The link to open next: the service names the payer's newest one in every answer.
  const current = useRef(link);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = async (target: string) => {
      try {
        const answer = await openCheckout(target, controller.signal);
        if (controller.signal.aborted) return;
        current.current = answer.link;
        setView(answer);
        if (answer.state === "checkout") window.location.assign(answer.url);
        if (answer.state === "preparing") timer = setTimeout(() => void open(answer.link), answer.retry_after * 1000);
      } catch (error) {
        if (!controller.signal.aborted) setView({ state: "failed", error: error instanceof Error ? error : new Error(String(error)) });
      }
    };
    void open(current.current);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [attempt]);

  const retry = () => {
    setView({ state: "opening" });
    setAttempt((count) => count + 1);
  };
  return { view, retry };
}
