import { isAllowed, simulate } from "../support/iam-simulate";

const role = "arn:aws:iam::111111111111:role/r";
const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } } }] };

describe("iam-simulate harness", () => {
  it("allows a request an identity policy grants and the condition matches", async () => {
    await expect(isAllowed({ principal: role, action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111111111111:key/k", resourceAccount: "111111111111", identityPolicies: [policy], context: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" }, resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }] } })).resolves.toBe(true);
  });
  it("denies the same request when the condition does not match", async () => {
    await expect(simulate({ principal: role, action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111111111111:key/k", resourceAccount: "111111111111", identityPolicies: [policy], context: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } })).resolves.toBe("ImplicitlyDenied");
  });
  it("rejects an unknown action instead of answering", async () => {
    await expect(simulate({ principal: role, action: "kms:NoSuchAction", resource: "*", resourceAccount: "111111111111", identityPolicies: [policy] })).rejects.toThrow(/rejected/);
  });
});
