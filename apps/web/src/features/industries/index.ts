/** The industries feature as other features and the router see it; nothing else of it is imported from outside. */
export { industryLabel, useIndustries } from './industries-api';
export { IndustryCascader } from './industry-cascader';
