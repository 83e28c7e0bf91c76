import { recordResources, type RecordedResource } from "../../engine/record";

/**
 * Run `make` (a component construction expected to reject its args) under the mock runtime and return
 * what it threw and what it registered, so a test can assert the named-field error and that nothing
 * was registered before it.
 */
export async function constructUnderMocks(make: () => unknown): Promise<{ error: unknown; registered: RecordedResource[] }> {
  let error: unknown;
  const registered = await recordResources(() => {
    try {
      make();
    } catch (e) {
      error = e;
    }
  });
  return { error, registered };
}
