import type { RecordedResource } from "../../engine/record";

/** A recorded resource as the preview engine would send it to the pack (outputs = inputs). */
export function recorded(type: string, name: string, inputs: Record<string, any>, extra: Partial<RecordedResource> = {}): RecordedResource {
  return {
    urn: `urn:pulumi:test::proto::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    inputs,
    outputs: inputs,
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
    provider: null,
    ...extra,
  };
}
