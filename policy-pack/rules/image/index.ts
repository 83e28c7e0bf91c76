import type { Rule } from "../../core/rule";
import { img001 } from "./img-001-image-registry-allowed";
import { img002 } from "./img-002-image-no-latest";
import { img003 } from "./img-003-image-digest-pinned";

/** Rules of the `image` family, in catalog order. */
export const imageRules: readonly Rule[] = [img001, img002, img003];
