import { parseText } from "../../cli/scan/load";

// go-yaml v2 (sigs.k8s.io/yaml) merge-key semantics, as decode.go `merge()` implements them: merges are
// applied in document order (a merged key overwrites an explicit key written before the `<<`), later
// explicit keys overwrite merged ones, and in a sequence of merged maps the earlier map wins.
const wrap = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n${body}`;
const dataOf = (body: string) => parseText("m.yaml", wrap(body)).objects[0]?.object.data as Record<string, unknown>;

describe("merge keys as go-yaml v2 applies them", () => {
  it("a key written after << overrides the merged value", () => {
    expect(dataOf("base: &b {a: '1', b: '1'}\ndata:\n  <<: *b\n  a: '2'\n")).toEqual({ a: "2", b: "1" });
  });
  it("a key written before << is overwritten by the merged value (v2 order semantics)", () => {
    expect(dataOf("base: &b {a: '1'}\ndata:\n  a: '2'\n  <<: *b\n")).toEqual({ a: "1" });
  });
  it("in a sequence of merged maps the earlier map wins", () => {
    expect(dataOf("x: &x {a: '1'}\ny: &y {a: '2', c: '3'}\ndata:\n  <<: [*x, *y]\n")).toEqual({ a: "1", c: "3" });
  });
  it("a quoted '<<' key is an ordinary key", () => {
    expect(dataOf("data:\n  '<<': v\n")).toEqual({ "<<": "v" });
  });
  it("merging a scalar is an error naming the reason", () => {
    expect(parseText("m.yaml", wrap("s: &s str\ndata:\n  <<: *s\n")).errors[0]?.error).toMatch(/map merge requires map or sequence of maps/);
  });
});
