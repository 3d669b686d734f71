/** Who is looking at a thread: presence state reduced to the other admins, one entry each. */

export interface Viewer {
  id: string;
  name: string;
}

/** Everyone present except `selfId`, once per user even with several tabs open, sorted by name. */
export function othersPresent(state: Record<string, Viewer[]>, selfId: string): Viewer[] {
  const others = new Map<string, Viewer>();
  for (const [key, metas] of Object.entries(state)) {
    const first = metas[0];
    if (key === selfId || !first) continue;
    others.set(key, { id: key, name: first.name || "Another admin" });
  }
  return [...others.values()].sort((a, b) => a.name.localeCompare(b.name));
}
