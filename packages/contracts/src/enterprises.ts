// Enterprise registry contracts (issue: the closed loop). Owned by the enterprises module.
export {};
