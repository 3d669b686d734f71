/** A 7-day trend line drawn as plain SVG: cheap enough to render on every KPI card without a chart library. */
import { sparklinePoints } from "./sparkline-points";

interface SparklineProps {
  values: (number | null)[];
  /** Read by screen readers instead of the drawing. */
  label: string;
}

export function Sparkline({ values, label }: SparklineProps) {
  const width = 96;
  const height = 28;
  return (
    <svg role="img" aria-label={label} viewBox={`-2 -2 ${String(width + 4)} ${String(height + 4)}`} className="h-8 w-24 text-brand-600">
      <polyline points={sparklinePoints(values, width, height)} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}
