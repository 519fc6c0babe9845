import { STAGE_LABELS, STAGES, type Light, type Stage } from '@wutong/contracts';

export { STAGES };
export const LIGHTS = ['red', 'yellow', 'green'] as const satisfies readonly Light[];
export const ORIGINS = ['local', 'domestic_out_of_city', 'foreign', 'zhejiang_returning'] as const;
export type Origin = (typeof ORIGINS)[number];

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

export const LIGHT_COLORS: Record<Light, string> = { red: '#e5484d', yellow: '#f5a623', green: '#30a46c' };
