// Regular bulletins (定期通报): content computed once from the modules that own the figures,
// rendered as Word, Excel and a page; draft → reviewed → published.
export { bulletinsModule } from './bulletins.module.js';
