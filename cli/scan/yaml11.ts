/**
 * YAML → JSON value conversion with the semantics of the Kubernetes API server and kubectl, which read
 * YAML through sigs.k8s.io/yaml on top of go-yaml v2 (YAML 1.1 rules): plain scalars resolve as go-yaml
 * v2 `resolve()` does (`yes/no/on/off/y/n` and their capitalisations are booleans, `0777` is octal,
 * timestamps stay strings), merge keys `<<` are honoured in document order as go-yaml v2 `decoder.merge`
 * does (merged keys overwrite keys set before the `<<`, later keys overwrite merged ones; in a sequence of
 * merged maps the earlier map wins), and quoted scalars are always strings.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from "yaml";

/** Raised when a document cannot be converted (alias limits, nesting, invalid merge); names the reason. */
export class ConversionError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(message);
    this.name = "ConversionError";
  }
}

/** Limits of one document's conversion. */
export interface ConversionLimits {
  /** Alias references allowed per document (guards against "billion laughs"). */
  readonly maxAliases: number;
  /** Deepest nesting of maps and sequences accepted. */
  readonly maxDepth: number;
}

const BOOL_TRUE = new Set(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const BOOL_FALSE = new Set(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$/;

/** Go `strconv.ParseInt(s, 0, 64)`-like parsing (sign, 0x/0o/0b prefixes, leading-0 octal); undefined if not an integer. */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === "-" ? -1 : 1;
  const body = m[2];
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith("0")) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  return sign * value;
}

/** The JSON value go-yaml v2 gives an untagged plain scalar. */
export function resolvePlain(source: string): unknown {
  if (BOOL_TRUE.has(source)) return true;
  if (BOOL_FALSE.has(source)) return false;
  if (NULLS.has(source)) return null;
  if (source === ".nan" || source === ".NaN" || source === ".NAN") return Number.NaN;
  if (/^\+?\.(inf|Inf|INF)$/.test(source)) return Number.POSITIVE_INFINITY;
  if (/^-\.(inf|Inf|INF)$/.test(source)) return Number.NEGATIVE_INFINITY;
  const c = source.charCodeAt(0);
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numeric) return source;
  if (TIMESTAMP.test(source)) return source; // go-yaml v2 keeps timestamp-like values as strings in interface{}
  const plain = source.replace(/_/g, "");
  const int = goParseInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) return Number.parseFloat(plain);
  return source;
}

/** The value of a scalar node: explicit tags honoured, quoted styles are strings, plain scalars as go-yaml v2. */
function scalarValue(node: Scalar): unknown {
  const tag = node.tag;
  const source = typeof node.source === "string" ? node.source : String(node.value ?? "");
  if (tag && tag !== "!" && tag !== "?") {
    if (tag === "tag:yaml.org,2002:str") return source;
    if (tag === "tag:yaml.org,2002:null") return null;
    if (tag === "tag:yaml.org,2002:bool" || tag === "tag:yaml.org,2002:int" || tag === "tag:yaml.org,2002:float") return resolvePlain(source);
    return node.value;
  }
  if (node.type !== "PLAIN") return typeof node.value === "string" ? node.value : source;
  return resolvePlain(source);
}

interface State {
  readonly doc: Document;
  readonly limits: ConversionLimits;
  readonly anchors: Map<string, Node>;
  readonly values: Map<Node, unknown>;
  /** Expanded size (nodes) of each anchored node. */
  readonly sizes: Map<Node, number>;
  aliases: number;
  /** Nodes the document expands to, aliases counted at their target's size. */
  expanded: number;
}

/** Expanded nodes allowed per document before aliasing counts as excessive (go-yaml v2 has a similar guard). */
export const MAX_EXPANDED_NODES = 1_000_000;

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === "PLAIN" && !key.tag && key.source === "<<";
}

function keyString(key: unknown, state: State, depth: number): string {
  if (key === null || key === undefined) return "";
  const value = convert(key as Node, state, depth);
  if (value === null) return "null";
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

function mergeInto(target: Record<string, unknown>, value: unknown, offset: number | undefined): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConversionError("map merge requires map or sequence of maps as the value", offset);
  }
  for (const [k, v] of Object.entries(value)) target[k] = v;
}

function convert(node: Node | null | undefined, state: State, depth: number): unknown {
  if (node === null || node === undefined) return null;
  if (depth > state.limits.maxDepth) throw new ConversionError(`nested deeper than ${state.limits.maxDepth} levels`, node.range?.[0]);
  if (isAlias(node)) {
    state.aliases++;
    if (state.aliases > state.limits.maxAliases) throw new ConversionError(`more than ${state.limits.maxAliases} alias references`, node.range?.[0]);
    const target = state.anchors.get(node.source);
    if (!target) throw new ConversionError(`unknown anchor '${node.source}' referenced`, node.range?.[0]);
    if (!state.values.has(target)) throw new ConversionError(`anchor '${node.source}' value contains itself`, node.range?.[0]);
    state.expanded += state.sizes.get(target) ?? 1;
    if (state.expanded > MAX_EXPANDED_NODES) throw new ConversionError(`excessive aliasing: the document expands to more than ${MAX_EXPANDED_NODES} nodes through alias references`, node.range?.[0]);
    return state.values.get(target);
  }
  state.expanded++;
  const before = state.expanded;
  const anchor = (node as { anchor?: string }).anchor;
  if (isScalar(node)) {
    const v = scalarValue(node);
    if (anchor) {
      state.anchors.set(anchor, node);
      state.values.set(node, v);
      state.sizes.set(node, 1);
    }
    return v;
  }
  if (anchor) state.anchors.set(anchor, node); // registered before its content (a self-reference is an error)
  let out: unknown;
  if (isMap(node)) {
    const map: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        const v = pair.value as Node | null;
        if (isSeq(v)) {
          // go-yaml v2: earlier maps of the sequence take precedence, so they are applied last.
          const items = v.items.map((item) => convert(item as Node, state, depth + 1));
          for (let i = items.length - 1; i >= 0; i--) mergeInto(map, items[i], v.range?.[0]);
        } else mergeInto(map, convert(v, state, depth + 1), v?.range?.[0]);
        continue;
      }
      map[keyString(pair.key, state, depth + 1)] = convert(pair.value as Node | null, state, depth + 1);
    }
    out = map;
  } else if (isSeq(node)) {
    out = node.items.map((item) => convert(item as Node, state, depth + 1));
  } else out = null;
  if (anchor) {
    state.values.set(node, out);
    state.sizes.set(node, state.expanded - before + 1);
  }
  return out;
}

/** Convert a composed document to the JSON value the API server would decode. */
export function documentToValue(doc: Document, limits: ConversionLimits): unknown {
  const state: State = { doc, limits, anchors: new Map(), values: new Map(), sizes: new Map(), aliases: 0, expanded: 0 };
  return convert(doc.contents as Node | null, state, 0);
}

/** One segment of a field path: a key or an array index. */
export type PathSegment = string | number;

/** Split `spec.template.spec.containers[0].securityContext.privileged` into its segments. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/**
 * The source offset of the field at `segments` below `root` (following aliases and merge keys), or of the
 * deepest field of the path that exists. Returns `found` = how many segments matched.
 */
export function locate(root: Node | null | undefined, segments: readonly PathSegment[]): { offset: number; found: number } | undefined {
  let node: Node | null | undefined = root;
  let best: number | undefined = root?.range?.[0];
  let found = 0;
  const anchors = new Map<string, Node>();
  const deref = (n: Node | null | undefined): Node | null | undefined => {
    let guard = 0;
    while (n && isAlias(n) && guard++ < 100) n = anchors.get(n.source) ?? findAnchor(root, n.source);
    return n;
  };
  for (const seg of segments) {
    node = deref(node);
    let next: { key?: Node; value: Node | null | undefined } | undefined;
    if (isMap(node)) next = findKey(node, String(seg), deref);
    else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as Node | undefined;
      if (item) next = { value: item };
    }
    if (!next) break;
    found++;
    best = (next.key ?? next.value)?.range?.[0] ?? best;
    node = next.value;
  }
  return best === undefined ? undefined : { offset: best, found };
}

function findKey(map: Node, key: string, deref: (n: Node | null | undefined) => Node | null | undefined): { key?: Node; value: Node | null | undefined } | undefined {
  if (!isMap(map)) return undefined;
  let hit: { key?: Node; value: Node | null | undefined } | undefined;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    if (isMergeKey(pair.key)) {
      const v = deref(pair.value as Node | null);
      const sources = isSeq(v) ? [...v.items].reverse().map((i) => deref(i as Node)) : [v];
      for (const s of sources) {
        const inner = s ? findKey(s, key, deref) : undefined;
        if (inner) hit = inner;
      }
      continue;
    }
    if (isScalar(pair.key) && String(pair.key.source ?? pair.key.value) === key) hit = { key: pair.key as Node, value: pair.value as Node | null };
  }
  return hit;
}

function findAnchor(root: Node | null | undefined, name: string): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== "object") continue;
    if ((n as { anchor?: string }).anchor === name && !isAlias(n)) return n as Node;
    if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
    else if (isSeq(n)) stack.push(...n.items);
  }
  return undefined;
}
