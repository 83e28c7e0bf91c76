/**
 * `getAnalyzerInfo` with each distinct config schema built and encoded once.
 *
 * Every policy of the pack declares the same config schema (all shared keys, so any policy can be configured
 * alike). `@pulumi/policy`'s `makeAnalyzerInfo` converts that schema to a protobuf `Struct` once per policy, and the
 * response encodes it once per policy: for 120 policies that was ~850 KB and 300–600 ms of CPU in every pack
 * process, paid once per preview before the first resource. Here the SDK builds the info without the schemas,
 * each policy gets one shared schema message, and the response is encoded by appending each schema's bytes,
 * encoded once, to its policy: the same message on the wire (`test/policy/core/analyzer-info.test.ts` decodes
 * both and compares them).
 */

/** Wire numbers from `pulumi/analyzer.proto`: `AnalyzerInfo.policies = 3`, `PolicyInfo.config_schema = 6`. */
const POLICIES_FIELD = 3;
const CONFIG_SCHEMA_FIELD = 6;
/** Protobuf wire type of length-delimited fields (messages). */
const LENGTH_DELIMITED = 2;

/** The protobuf messages this module builds, as `@pulumi/pulumi/proto/analyzer_pb` defines them. */
interface Message {
  serializeBinary(): Uint8Array;
}
interface PolicyInfoMessage extends Message {
  getConfigschema(): Message | undefined;
  setConfigschema(schema: Message | undefined): void;
}
interface AnalyzerInfoMessage extends Message {
  getPoliciesList(): PolicyInfoMessage[];
  setPoliciesList(list: PolicyInfoMessage[]): void;
}

/** What building the info needs from the SDK. */
export interface AnalyzerInfoSdk {
  readonly protoutil: { makeAnalyzerInfo(name: string, version: string, level: string, args: unknown, initialConfig?: unknown): unknown };
  readonly analyzerProto: { readonly PolicyConfigSchema: new () => Message & { setProperties(s: unknown): void; setRequiredList(r: string[]): void } };
  readonly struct: { fromJavaScript(value: unknown): unknown };
}

/** A policy's config schema as CrossGuard declares it. */
interface ConfigSchema {
  readonly properties?: Record<string, unknown>;
  readonly required?: string[];
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}

/** One length-delimited field: tag, length, bytes. */
function lengthDelimited(field: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  return concatBytes([Uint8Array.from([...varint((field << 3) | LENGTH_DELIMITED), ...varint(length)]), ...parts]);
}

/** The parts one after the other (an encoded message followed by encoded fields of it). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The `AnalyzerInfo` the SDK's `getAnalyzerInfo` answers for `(name, version, level, args, initialConfig)`, with
 * each distinct config schema converted once and encoded once.
 */
export function analyzerInfo(
  sdk: AnalyzerInfoSdk,
  pack: { readonly name: string; readonly version: string; readonly level: string },
  args: { readonly policies?: readonly { readonly configSchema?: ConfigSchema }[] },
  initialConfig?: unknown,
): unknown {
  const policies = args.policies ?? [];
  const info = sdk.protoutil.makeAnalyzerInfo(
    pack.name,
    pack.version,
    pack.level,
    { ...args, policies: policies.map((p) => ({ ...p, configSchema: undefined })) },
    initialConfig,
  ) as AnalyzerInfoMessage;
  const schemas = new Map<ConfigSchema, { readonly message: Message; readonly field: Uint8Array }>();
  const schemaOf = (schema: ConfigSchema) => {
    let built = schemas.get(schema);
    if (built === undefined) {
      const message = new sdk.analyzerProto.PolicyConfigSchema();
      message.setProperties(sdk.struct.fromJavaScript(schema.properties));
      if (schema.required) message.setRequiredList(schema.required);
      built = { message, field: lengthDelimited(CONFIG_SCHEMA_FIELD, message.serializeBinary()) };
      schemas.set(schema, built);
    }
    return built;
  };
  const infos = info.getPoliciesList();
  const fields = infos.map((policyInfo, i) => {
    const schema = policies[i]?.configSchema;
    if (schema === undefined) return undefined;
    const built = schemaOf(schema);
    policyInfo.setConfigschema(built.message);
    return built.field;
  });
  const encode = info.serializeBinary;
  let encoded: Uint8Array | undefined;
  info.serializeBinary = function (this: AnalyzerInfoMessage) {
    if (encoded !== undefined) return encoded;
    this.setPoliciesList([]);
    try {
      const parts = [encode.call(this)];
      infos.forEach((policyInfo, i) => {
        const schema = policyInfo.getConfigschema();
        policyInfo.setConfigschema(undefined);
        try {
          const field = fields[i];
          parts.push(field === undefined ? lengthDelimited(POLICIES_FIELD, policyInfo.serializeBinary()) : lengthDelimited(POLICIES_FIELD, policyInfo.serializeBinary(), field));
        } finally {
          policyInfo.setConfigschema(schema);
        }
      });
      encoded = concatBytes(parts);
      return encoded;
    } finally {
      this.setPoliciesList(infos);
    }
  };
  return info;
}
