import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Light, Stage } from '@wutong/contracts';
import { punct } from './format';

export const LIGHT_COLORS: Record<Light, string> = { red: '#e5484d', yellow: '#f5a524', green: '#30a46c' };
/** darker shades for text, readable on white */
const TEXT_COLORS: Record<Light, string> = { red: '#c9252d', yellow: '#ad6800', green: 'rgba(0,0,0,0.55)' };

/** Projects in production or dropped are not followed up: they show no light. */
const UNLIT: readonly Stage[] = ['production', 'dropped'];

type Props = {
  light: Light;
  reasons: readonly string[];
  /** the project's stage, where the dot stands for a project: closed ones are unlit */
  stage?: Stage;
  /** also print the reasons (or the light's name) beside the dot, not only on hover */
  showText?: boolean;
  testId?: string;
};

/** 红黄绿灯: a coloured dot, its name for screen readers, and why on hover or beside it — never colour alone. */
export function LightDot({ light, reasons, stage, showText, testId }: Props) {
  const { t, i18n } = useTranslation();
  const pu = punct(i18n.language);
  const unlit = !!stage && UNLIT.includes(stage);
  const name = unlit ? t('light.unlit') : t(`light.${light}`);
  const why = unlit ? t('light.closed') : reasons.length ? reasons.join(pu.semi) : t('light.ok');
  const label = `${name}${pu.colon}${why}`;
  return (
    <Tooltip title={label}>
      <span
        data-testid={testId}
        data-light={unlit ? 'none' : light}
        aria-label={label}
        role="img"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minWidth: 0, cursor: 'help', whiteSpace: 'nowrap' }}
      >
        <span
          aria-hidden
          style={{
            flex: 'none',
            width: 10,
            height: 10,
            borderRadius: '50%',
            boxSizing: 'border-box',
            background: unlit ? 'transparent' : LIGHT_COLORS[light],
            border: unlit ? '1.5px solid #c4c9d0' : undefined,
            boxShadow: unlit ? undefined : `0 0 0 2px ${LIGHT_COLORS[light]}33`,
          }}
        />
        {showText ? (
          <span style={{ fontSize: 12, color: unlit ? 'rgba(0,0,0,0.55)' : TEXT_COLORS[light], overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {unlit || reasons.length ? why : name}
          </span>
        ) : null}
      </span>
    </Tooltip>
  );
}
