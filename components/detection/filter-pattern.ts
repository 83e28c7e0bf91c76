/**
 * A parser and evaluator for the subset of the CloudWatch Logs JSON filter-pattern syntax the audit
 * signals use: `{ $.a.b = "x" }`, `!=`, numeric `= != < > <= >=`, `&&`, `||`, parentheses, array indexes
 * (`$.user.groups[0]`) and `*` wildcards inside quoted strings. The component parses every pattern before
 * registering anything (so a bad override fails fast), and the tests evaluate patterns against Kubernetes
 * audit events.
 *
 * Semantics chosen where CloudWatch's documentation is silent: `&&` binds tighter than `||` (the signals
 * always parenthesise anyway); a selector that does not resolve to a scalar makes its comparison false,
 * whatever the operator.
 */

/** Comparison operators of the JSON filter syntax. */
export type FilterOperator = "=" | "!=" | "<" | ">" | "<=" | ">=";

/** A parsed JSON filter pattern. */
export type FilterNode =
  | { readonly kind: "and" | "or"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "cmp"; readonly path: readonly (string | number)[]; readonly op: FilterOperator; readonly value: string | number; readonly quoted: boolean };

type Token =
  | { t: "lbrace" | "rbrace" | "lparen" | "rparen" | "and" | "or"; at: number }
  | { t: "op"; v: FilterOperator; at: number }
  | { t: "selector"; v: (string | number)[]; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: number; at: number }
  | { t: "word"; v: string; at: number };

/** Thrown for a pattern outside the supported syntax; names the offset. */
export class FilterPatternError extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new FilterPatternError(`filter pattern: ${msg} at offset ${i} in ${JSON.stringify(src)}`);
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const at = i;
    const two = src.slice(i, i + 2);
    if (c === "{") { out.push({ t: "lbrace", at }); i++; }
    else if (c === "}") { out.push({ t: "rbrace", at }); i++; }
    else if (c === "(") { out.push({ t: "lparen", at }); i++; }
    else if (c === ")") { out.push({ t: "rparen", at }); i++; }
    else if (two === "&&") { out.push({ t: "and", at }); i += 2; }
    else if (two === "||") { out.push({ t: "or", at }); i += 2; }
    else if (two === "!=" || two === "<=" || two === ">=") { out.push({ t: "op", v: two, at }); i += 2; }
    else if (c === "=" || c === "<" || c === ">") { out.push({ t: "op", v: c, at }); i++; }
    else if (c === '"') {
      let j = i + 1;
      let s = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\" && j + 1 < src.length) { s += src[j + 1]; j += 2; } else { s += src[j]; j++; }
      }
      if (j >= src.length) fail("unterminated string");
      out.push({ t: "string", v: s, at });
      i = j + 1;
    } else if (c === "$") {
      const path: (string | number)[] = [];
      i++;
      while (i < src.length && (src[i] === "." || src[i] === "[")) {
        if (src[i] === ".") {
          const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i + 1));
          if (!m) fail("expected a field name after '.'");
          path.push(m![0]);
          i += 1 + m![0].length;
        } else {
          const m = /^\[(\d+)\]/.exec(src.slice(i));
          if (!m) fail("expected [index]");
          path.push(Number(m![1]));
          i += m![0].length;
        }
      }
      if (path.length === 0) fail("selector '$' needs at least one field");
      out.push({ t: "selector", v: path, at });
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) fail("bad number");
      out.push({ t: "number", v: Number(m![0]), at });
      i += m![0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_\-:.]*/.exec(src.slice(i))!;
      out.push({ t: "word", v: m[0], at });
      i += m[0].length;
    } else {
      fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  return out;
}

/** Parse a JSON filter pattern (`{ ... }`) into a tree; throws `FilterPatternError` on anything else. */
export function parseFilterPattern(pattern: string): FilterNode {
  const tokens = tokenize(pattern);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (msg: string): never => {
    const at = peek()?.at ?? pattern.length;
    throw new FilterPatternError(`filter pattern: ${msg} at offset ${at} in ${JSON.stringify(pattern)}`);
  };
  const expect = (t: Token["t"]) => {
    if (peek()?.t !== t) fail(`expected ${t}`);
    pos++;
  };
  const comparison = (): FilterNode => {
    const sel = peek();
    if (sel?.t !== "selector") return fail("expected a $. selector");
    pos++;
    const op = peek();
    if (op?.t !== "op") return fail("expected a comparison operator");
    pos++;
    const val = peek();
    if (!val || (val.t !== "string" && val.t !== "number" && val.t !== "word")) return fail("expected a value");
    pos++;
    if (val.t === "number") return { kind: "cmp", path: sel.v, op: op.v, value: val.v, quoted: false };
    if (op.v !== "=" && op.v !== "!=") fail(`operator ${op.v} needs a number`);
    return { kind: "cmp", path: sel.v, op: op.v, value: val.v, quoted: val.t === "string" };
  };
  const factor = (): FilterNode => {
    if (peek()?.t === "lparen") {
      pos++;
      const e = expr();
      expect("rparen");
      return e;
    }
    return comparison();
  };
  const term = (): FilterNode => {
    let left = factor();
    while (peek()?.t === "and") { pos++; left = { kind: "and", left, right: factor() }; }
    return left;
  };
  const expr = (): FilterNode => {
    let left = term();
    while (peek()?.t === "or") { pos++; left = { kind: "or", left, right: term() }; }
    return left;
  };
  expect("lbrace");
  const tree = expr();
  expect("rbrace");
  if (pos !== tokens.length) fail("trailing input after '}'");
  return tree;
}

function resolve(event: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = event;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function wildcardMatch(actual: string, expected: string): boolean {
  if (!expected.includes("*")) return actual === expected;
  const re = new RegExp(`^${expected.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
  return re.test(actual);
}

function compare(node: Extract<FilterNode, { kind: "cmp" }>, event: unknown): boolean {
  const actual = resolve(event, node.path);
  if (actual === undefined || actual === null || typeof actual === "object") return false;
  if (typeof node.value === "number") {
    const n = typeof actual === "number" ? actual : Number(actual);
    if (Number.isNaN(n)) return false;
    switch (node.op) {
      case "=": return n === node.value;
      case "!=": return n !== node.value;
      case "<": return n < node.value;
      case ">": return n > node.value;
      case "<=": return n <= node.value;
      case ">=": return n >= node.value;
    }
  }
  const eq = wildcardMatch(String(actual), node.value);
  return node.op === "=" ? eq : !eq;
}

/** Evaluate a parsed pattern against one JSON log event. */
export function evaluateFilter(node: FilterNode, event: unknown): boolean {
  switch (node.kind) {
    case "and": return evaluateFilter(node.left, event) && evaluateFilter(node.right, event);
    case "or": return evaluateFilter(node.left, event) || evaluateFilter(node.right, event);
    case "cmp": return compare(node, event);
  }
}

/** Parse and evaluate in one step: does `pattern` match `event`? */
export function matchesFilterPattern(pattern: string, event: unknown): boolean {
  return evaluateFilter(parseFilterPattern(pattern), event);
}

/** CloudWatch's limit on a metric filter pattern's length (PutMetricFilter `filterPattern`, max 1024). */
export const MAX_FILTER_PATTERN_LENGTH = 1024;
