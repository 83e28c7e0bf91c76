import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { fieldReader, UNKNOWN } from "../../core/fields";
import { SIGNING_PLATFORM_ID } from "../../baseline/signing";
import { checkName, specsFor } from "../aws-api/names";

const SIGNING_PROFILE_TYPE = "aws:signer/signingProfile:SigningProfile";
const SPECS = specsFor(NAME_SPECS, [SIGNING_PROFILE_TYPE]);

/** IMG-006: a signing profile for images is a Notation profile whose name Signer accepts. */
export const img006 = resourceRule({
  id: "IMG-006",
  name: "signing-profile-valid",
  description: `An AWS Signer signing profile has a name of 2-64 letters, digits and _ (set explicitly: Signer rejects the hyphen of an auto-name) and, for container images, platformId ${SIGNING_PLATFORM_ID}.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "images", "supply-chain", "aws"],
  seed: ["S1 §5.13"],
  upstream: SPECS.map((s) => s.doc).join(" · "),
  remediation: `Set name to 2-64 letters, digits and _ (e.g. hc_prod_images) and platformId to ${SIGNING_PLATFORM_ID}.`,
  resourceTypes: [SIGNING_PROFILE_TYPE],
  check(resource, report) {
    checkName(SPECS, resource, report);
    const get = fieldReader(resource.props, report);
    const platform = get("platformId");
    if (platform === UNKNOWN) return;
    if (platform !== SIGNING_PLATFORM_ID && platform !== "AWSLambda-SHA384-ECDSA") report(`platformId ${JSON.stringify(platform)} is not a Signer platform (${SIGNING_PLATFORM_ID} signs OCI images with Notation)`);
  },
});
