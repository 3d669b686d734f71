/** The points of a sparkline polyline scaled into a width × height box (y grows downwards). */
export function sparklinePoints(values: (number | null)[], width: number, height: number): string {
  const numbers = values.map((value) => value ?? 0);
  if (numbers.length === 0) return "";
  const max = Math.max(...numbers);
  const min = Math.min(...numbers);
  const span = max - min || 1;
  const step = numbers.length > 1 ? width / (numbers.length - 1) : 0;
  return numbers
    .map((value, index) => {
      const x = Math.round(index * step * 10) / 10;
      const y = max === min ? height / 2 : Math.round((height - ((value - min) / span) * height) * 10) / 10;
      return `${String(x)},${String(y)}`;
    })
    .join(" ");
}
