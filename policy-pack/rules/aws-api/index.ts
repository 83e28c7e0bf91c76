import type { Rule } from "../../core/rule";
import { api001 } from "./api-001-sg-text-valid";
import { api002 } from "./api-002-iam-name-valid";
import { api003 } from "./api-003-eventbridge-rule-name-valid";
import { api004 } from "./api-004-cloudwatch-name-valid";
import { api005 } from "./api-005-kms-alias-name-valid";
import { api006 } from "./api-006-ecr-repository-name-valid";
import { api007 } from "./api-007-codebuild-project-name-valid";
import { api008 } from "./api-008-eks-name-valid";
import { api009 } from "./api-009-sns-topic-name-valid";
import { api010 } from "./api-010-arns-well-formed";
import { api011 } from "./api-011-cidrs-canonical";
import { api012 } from "./api-012-enum-values-valid";

/** Rules of the `aws-api` family: limits the AWS APIs enforce only at apply, checked at preview. */
export const awsApiRules: readonly Rule[] = [api001, api002, api003, api004, api005, api006, api007, api008, api009, api010, api011, api012];
