import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Light } from '@wutong/contracts';
import { punct } from './format';

export const LIGHT_COLORS: Record<Light, string> = { red: '#e5484d', yellow: '#f5a524', green: '#30a46c' };
/** darker shades for text, readable on white */
const TEXT_COLORS: Record<Light, string> = { red: '#c9252d', yellow: '#ad6800', green: 'rgba(0,0,0,0.55)' };

type Props = {
  light: Light;
  reasons: readonly string[];
  /** also print the reasons (or the light's name) beside the dot, not only on hover */
  showText?: boolean;
  testId?: string;
};

/** 红黄绿灯: a coloured dot and, on hover or beside it, why — never colour alone. */
export function LightDot({ light, reasons, showText, testId }: Props) {
  const { t, i18n } = useTranslation();
  const pu = punct(i18n.language);
  const name = t(`project.light.${light}`);
  const why = reasons.length ? reasons.join(pu.semi) : t('project.light.none');
  const label = `${name}${pu.colon}${why}`;
  return (
    <Tooltip title={label}>
      <span
        data-testid={testId}
        data-light={light}
        aria-label={label}
        role="img"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minWidth: 0, cursor: 'help' }}
      >
        <span
          aria-hidden
          style={{ flex: 'none', width: 10, height: 10, borderRadius: '50%', background: LIGHT_COLORS[light], boxShadow: `0 0 0 2px ${LIGHT_COLORS[light]}33` }}
        />
        {showText ? (
          <span style={{ fontSize: 12, color: TEXT_COLORS[light], overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {reasons.length ? why : name}
          </span>
        ) : null}
      </span>
    </Tooltip>
  );
}
