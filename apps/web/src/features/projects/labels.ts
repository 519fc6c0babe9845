import { STAGE_LABELS, type Stage } from '@wutong/contracts';

/** The stage's name from the contracts' stage table, in the UI language. */
export const stageLabel = (stage: Stage, lang: string) => STAGE_LABELS[stage][lang === 'en-US' ? 'en' : 'zh'];

export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'processing',
  signed: 'blue',
  registered: 'cyan',
  construction: 'geekblue',
  production: 'success',
  dropped: 'error',
};

/** A stage back from its name in either language (the timeline's titles are localised text). */
export function stageByLabel(label: string): Stage | undefined {
  const l = label.trim();
  return (Object.keys(STAGE_LABELS) as Stage[]).find((s) => STAGE_LABELS[s].zh === l || STAGE_LABELS[s].en === l);
}
