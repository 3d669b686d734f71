/** The funnel drawn with Recharts: one bar per stage, stacked by lead source. Loaded on demand (Recharts is large). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { FUNNEL_STAGES, SOURCE_LABELS, type FunnelRow } from "../dashboard-model";

const SOURCE_COLOURS = ["#4f46e5", "#0891b2", "#d97706", "#059669", "#db2777"];

export default function FunnelBars({ rows }: { rows: FunnelRow[] }) {
  const data = FUNNEL_STAGES.map(({ key, label }) => ({
    stage: label,
    ...Object.fromEntries(rows.map((row) => [row.source, row[key]])),
  }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="stage" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
        <Tooltip />
        <Legend />
        {rows.map((row, index) => (
          <Bar
            key={row.source}
            dataKey={row.source}
            name={SOURCE_LABELS[row.source] ?? row.source}
            stackId="sources"
            fill={SOURCE_COLOURS[index % SOURCE_COLOURS.length]}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
