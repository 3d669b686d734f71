/** The app's validated settings; main.tsx checks configProblems before anything imports this. */
import { parseEnv, type Env } from "./env-schema";

export const env: Env = parseEnv(import.meta.env);
