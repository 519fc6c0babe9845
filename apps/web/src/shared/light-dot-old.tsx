import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Light, Stage } from '@wutong/contracts';
import { LIGHT_COLORS } from '../features/projects/stages';

type Props = { light: Light; reasons: readonly string[]; withText?: boolean; stage?: Stage };

const UNLIT: readonly Stage[] = ['production', 'dropped'];

/**
 * A traffic light: a coloured dot, its name for screen readers, and the reasons on hover — never
 * colour alone. Projects in production or dropped are not followed up, so they show no light.
 */
export function LightDot({ light, reasons, withText, stage }: Props) {
  const { t } = useTranslation();
  const unlit = !!stage && UNLIT.includes(stage);
  const name = unlit ? t('projects.lights.none') : t(`projects.lights.${light}`);
  const why = unlit ? t('projects.lightClosed') : reasons.length ? reasons.join('；') : t('projects.lightOk');
  return (
    <Tooltip title={`${name}：${why}`}>
      <span
        role="img"
        aria-label={`${name}：${why}`}
        data-testid="light-dot"
        data-light={unlit ? 'none' : light}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'help', whiteSpace: 'nowrap' }}
      >
        <span
          style={{
            width: 10,
            height: 10,
            borderRadius: '50%',
            flex: 'none',
            background: unlit ? 'transparent' : LIGHT_COLORS[light],
            border: unlit ? '1.5px solid #c4c9d0' : undefined,
            boxSizing: 'border-box',
          }}
        />
        {withText ? <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{unlit ? why : reasons.length ? reasons.join('；') : name}</span> : null}
      </span>
    </Tooltip>
  );
}
