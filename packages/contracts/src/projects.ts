// Project (lead → production) contracts. Owned by the projects module.
export {};
