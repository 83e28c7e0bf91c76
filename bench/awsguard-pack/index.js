// A peer pack for benchmark 5: Pulumi's AWSGuard with every policy mandatory. Install once with
// `npm install --prefix bench/awsguard-pack` (network needed; node_modules here is not committed).
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "mandatory" });
