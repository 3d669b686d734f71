/** Saving the profile and a consent answer; each says how it went in a toast and refreshes the portal. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { saveConsent } from "../api/save-consent";
import { updateMyProfile } from "../api/update-my-profile";
import { unsavedReason, type ConsentChange } from "../consents";
import type { ProfileChanges } from "../student-profile";
import { studentKeys } from "./student-keys";

export function useUpdateProfile(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => updateMyProfile(userId, changes),
    onSuccess: () => toast({ tone: "success", title: "Profile saved" }),
    onError: (error) => toast({ tone: "error", title: "Your profile was not saved", description: `${error.message} Check the fields and try again.` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: studentKeys.all(userId) }),
  });
}

export function useSaveConsent(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ConsentChange) => saveConsent(userId, change),
    onSuccess: (_, change) =>
      toast({ tone: "success", title: change.state === "opted_in" ? "You'll hear from us there" : "We won't contact you there" }),
    onError: (error) => toast({ tone: "error", title: "Your choice was not saved", description: unsavedReason(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: studentKeys.consents(userId) }),
  });
}
