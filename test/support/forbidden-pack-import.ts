throw new Error("Tests must not import policy-pack/index (it calls new PolicyPack and starts a server). Import policy-pack/registry instead.");
