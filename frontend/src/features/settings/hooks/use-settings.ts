/** The Settings page's queries and saves; each save refreshes what it changed and says so in a toast. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { deleteProviderCredential } from "../api/delete-provider-credential";
import { getAutomationSettings } from "../api/get-automation-settings";
import { getCenterSettings } from "../api/get-center-settings";
import { listProviderCredentials } from "../api/list-provider-credentials";
import { saveProviderCredentials } from "../api/save-provider-credentials";
import { updateAutomationSettings } from "../api/update-automation-settings";
import { updateCenterSettings } from "../api/update-center-settings";

export const settingsKeys = {
  center: ["settings", "center"] as const,
  automation: ["settings", "automation"] as const,
  credentials: ["settings", "credentials"] as const,
};

function failed(title: string) {
  return (error: Error) => toast({ tone: "error", title, description: `${error.message} Your changes are still in the form; try again.` });
}

export function useCenterSettings() {
  return useQuery({ queryKey: settingsKeys.center, queryFn: getCenterSettings });
}

export function useAutomationSettings() {
  return useQuery({ queryKey: settingsKeys.automation, queryFn: getAutomationSettings });
}

export function useProviderCredentials() {
  return useQuery({ queryKey: settingsKeys.credentials, queryFn: listProviderCredentials });
}

/** Saves a settings row, puts the stored row in the cache and toasts the outcome. */
function useSaveRow<Values, Row>(key: readonly string[], save: (values: Values) => Promise<Row>, done: string, notDone: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: (row) => {
      queryClient.setQueryData(key, row);
      toast({ tone: "success", title: done });
    },
    onError: failed(notDone),
  });
}

export function useSaveCenterSettings() {
  return useSaveRow(settingsKeys.center, updateCenterSettings, "Center profile saved", "The center profile was not saved");
}

export function useSaveAutomationSettings() {
  return useSaveRow(settingsKeys.automation, updateAutomationSettings, "Automation settings saved", "The automation settings were not saved");
}

export function useSaveCredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, values }: { provider: string; values: Record<string, string> }) => saveProviderCredentials(provider, values),
    onSuccess: () => toast({ tone: "success", title: "Credentials saved", description: "They are stored sealed and cannot be read back." }),
    onError: failed("The credentials were not saved"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.credentials }),
  });
}

export function useDeleteCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, name }: { provider: string; name: string }) => deleteProviderCredential(provider, name),
    onSuccess: () => toast({ tone: "success", title: "Credential removed" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.credentials }),
  });
}
