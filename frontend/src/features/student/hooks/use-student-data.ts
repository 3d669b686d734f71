/** The student's own data, one query each; the pages combine what they show. */
import { useQuery } from "@tanstack/react-query";
import { listMyBatches } from "../api/list-my-batches";
import { listMyConsents } from "../api/list-my-consents";
import { listMyPayments } from "../api/list-my-payments";
import { getMyProfile } from "../api/get-my-profile";
import { listUpcomingSessions } from "../api/list-upcoming-sessions";
import { studentKeys } from "./student-keys";

export function useMyBatches(userId: string) {
  return useQuery({ queryKey: studentKeys.batches(userId), queryFn: () => listMyBatches(userId) });
}

export function useUpcomingSessions(userId: string) {
  return useQuery({ queryKey: studentKeys.sessions(userId), queryFn: () => listUpcomingSessions(new Date()) });
}

export function useMyPayments(userId: string) {
  return useQuery({ queryKey: studentKeys.payments(userId), queryFn: () => listMyPayments(userId) });
}

export function useMyProfile(userId: string) {
  return useQuery({ queryKey: studentKeys.profile(userId), queryFn: () => getMyProfile(userId) });
}

export function useMyConsents(userId: string) {
  return useQuery({ queryKey: studentKeys.consents(userId), queryFn: () => listMyConsents(userId) });
}
