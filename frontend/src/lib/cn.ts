/**
 * Joins class names. A className passed to a component adds to its classes and never competes
 * with them (differences are variants), so no class-merging library ships to the browser.
 */
import { clsx, type ClassValue } from "clsx";

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
