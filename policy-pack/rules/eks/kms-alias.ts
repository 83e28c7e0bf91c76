/** True when a key reference is an AWS-managed key alias (`alias/aws/…`, as ID or ARN). */
export function isAwsManagedAlias(keyRef: string): boolean {
  return /(^|:)alias\/aws\//.test(keyRef);
}
