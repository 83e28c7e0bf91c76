/** Image references of a workload's containers, for the IMG rules. */
import type { Report, ResourceUnderTest } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { containersOf, podSpecOf } from "../../core/workloads";

/** One container image with the field path that names it (e.g. `spec.template.spec.containers[0].image`). */
export interface ImageField {
  readonly field: string;
  readonly image: string;
}

/**
 * The `image` of every container, init container and ephemeral container of a workload. Containers without an
 * `image` are skipped (on Patch types it is simply not being changed). `undefined` (after an advisory) when unknown.
 */
export function imageFields(resource: ResourceUnderTest, report: Report): ImageField[] | undefined {
  const read = readMaybeUnknown(() => {
    const view = podSpecOf(resource.type, resource.props);
    if (!view) return [];
    return containersOf(view.spec).flatMap((c) => {
      const image = c.container.image;
      return typeof image === "string" ? [{ field: `${view.specPath}.${c.path}.image`, image }] : [];
    });
  });
  if (!read.known) {
    report(cannotVerify("containers[*].image"));
    return undefined;
  }
  return read.value;
}
