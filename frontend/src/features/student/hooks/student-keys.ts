/** Query keys of the student portal, all under the signed-in user's id. */
export const studentKeys = {
  all: (userId: string) => ["student", userId] as const,
  batches: (userId: string) => ["student", userId, "batches"] as const,
  sessions: (userId: string) => ["student", userId, "sessions"] as const,
  payments: (userId: string) => ["student", userId, "payments"] as const,
  profile: (userId: string) => ["student", userId, "profile"] as const,
  consents: (userId: string) => ["student", userId, "consents"] as const,
};
