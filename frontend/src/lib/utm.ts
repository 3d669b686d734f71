/** UTM parameters from the URL a visitor landed on, kept for the rest of their visit. */

export const UTM_KEYS = ["source", "medium", "campaign", "term", "content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Record<UtmKey, string | null>;

const MAX_LENGTH = 200;
const STORAGE_KEY = "coachbase.utm";

export function emptyUtm(): Utm {
  return { source: null, medium: null, campaign: null, term: null, content: null };
}

/** The utm_* values of a query string, trimmed and capped at 200 characters; blanks become null. */
export function parseUtm(search: string): Utm {
  const params = new URLSearchParams(search);
  const utm = emptyUtm();
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`)?.trim() ?? "";
    utm[key] = value === "" ? null : value.slice(0, MAX_LENGTH);
  }
  return utm;
}

export function hasUtm(utm: Utm): boolean {
  return UTM_KEYS.some((key) => utm[key] !== null);
}

function readStored(storage: Storage): Utm {
  try {
    const stored: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null");
    if (typeof stored !== "object" || stored === null) return emptyUtm();
    const utm = emptyUtm();
    for (const key of UTM_KEYS) {
      const value = (stored as Record<string, unknown>)[key];
      utm[key] = typeof value === "string" ? value.slice(0, MAX_LENGTH) : null;
    }
    return utm;
  } catch {
    return emptyUtm();
  }
}

/**
 * The campaign that brought this visit: the URL's UTM values when it has any (they are stored for
 * the rest of the visit), otherwise what an earlier page of the same visit stored.
 */
export function captureUtm(search: string, storage: Storage): Utm {
  const fromUrl = parseUtm(search);
  if (hasUtm(fromUrl)) {
    storage.setItem(STORAGE_KEY, JSON.stringify(fromUrl));
    return fromUrl;
  }
  return readStored(storage);
}
