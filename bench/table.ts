/** Compact fixed-width tables for benchmark output (also valid Markdown). */

/** A table cell: text, or a number printed with `digits` decimals. */
export type Cell = string | number;

/** Format a number with `digits` decimals and thousands separators. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Render rows as a Markdown table with padded columns (numbers right-aligned). */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map((c) => (typeof c === "number" ? num(c, Number.isInteger(c) ? 0 : 2) : c)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === "number" || /^[\d,.]+( ?[a-z%/µ]+)?$|^[\d.]+ ?×$/.test(String(row[i]))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? "").length)));
  const pad = (s: string, i: number) => (numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(headers), rule, ...text.map(line)].join("\n");
}

/** Print a titled table to stdout. */
export function printTable(title: string, headers: readonly string[], rows: readonly (readonly Cell[])[], notes: readonly string[] = []): void {
  process.stdout.write(`\n### ${title}\n\n${table(headers, rows)}\n${notes.map((n) => `\n${n}`).join("")}${notes.length > 0 ? "\n" : ""}`);
}
