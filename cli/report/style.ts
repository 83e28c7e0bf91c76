/** ANSI styling, applied only when the stream is a TTY (and NO_COLOR is unset). */
export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (on: boolean, code: number, reset: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[${reset}m` : s);

/** A style for `stream`: colours on a TTY, plain text otherwise. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const on = stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb";
  return { red: wrap(on, 31, 39), yellow: wrap(on, 33, 39), green: wrap(on, 32, 39), bold: wrap(on, 1, 22), dim: wrap(on, 2, 22) };
}

/** No styling. */
export const PLAIN: Style = styleFor({ isTTY: false });
