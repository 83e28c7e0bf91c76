import type { Rule } from "../../core/rule";
import { img001 } from "./img-001-image-registry-allowed";
import { img002 } from "./img-002-image-no-latest";
import { img003 } from "./img-003-image-digest-pinned";
import { img004 } from "./img-004-tenant-images-verified";
import { img005 } from "./img-005-verification-pins-signing-profile";
import { img006 } from "./img-006-signing-profile-name-valid";

/** Rules of the `image` family, in catalog order. */
export const imageRules: readonly Rule[] = [img001, img002, img003, img004, img005, img006];
