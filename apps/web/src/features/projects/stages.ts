import { STAGE_LABELS, STAGES, type Light, type Stage } from '@wutong/contracts';

export { STAGES };
export const LIGHTS = ['red', 'yellow', 'green'] as const satisfies readonly Light[];
export const ORIGINS = ['local', 'domestic_out_of_city', 'foreign', 'zhejiang_returning'] as const;
export type Origin = (typeof ORIGINS)[number];

/** The stage's name from the contracts' stage table, in the UI language. */
export const stageLabel = (stage: Stage, lang: string) => STAGE_LABELS[stage][lang === 'en-US' ? 'en' : 'zh'];

/** Tag colours along the lifecycle: cool while talking, warm once money moves, grey when dropped. */
export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'blue',
  signed: 'geekblue',
  registered: 'cyan',
  construction: 'orange',
  production: 'green',
  dropped: 'default',
};

/** A stage back from its name in either language (the timeline's titles are localised text). */
export function stageByLabel(label: string): Stage | undefined {
  const l = label.trim();
  return STAGES.find((s) => STAGE_LABELS[s].zh === l || STAGE_LABELS[s].en === l);
}
