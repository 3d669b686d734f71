/** Signs in from the email link in the current URL, once per page load. */
import { useQuery } from "@tanstack/react-query";
import { establishLinkSession } from "../api/establish-link-session";

export function useLinkSession() {
  return useQuery({
    queryKey: ["link-session"],
    queryFn: () => establishLinkSession(new URL(window.location.href)),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}
