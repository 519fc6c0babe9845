import { useState, type CSSProperties } from 'react';
import { Button, Calendar, Input, Popover } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { isRealDate, shanghaiDate } from '@wutong/contracts';
import { normaliseDateText } from './form-rules';

type Props = {
  /** the day as the contracts write it, `YYYY-MM-DD` — or, while it is wrong, the text as typed */
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** set by Form.Item, so that the label points at the box */
  id?: string;
  /** days the calendar greys out (`refusedBy(schema)`); typed days are checked by the form's rule */
  disabledDay?: (day: string) => boolean;
  disabled?: boolean;
  size?: 'small' | 'middle' | 'large';
  style?: CSSProperties;
  placeholder?: string;
  testId?: string;
};

/**
 * A day field whose value is exactly the text in the box. A date picker that cannot read what was
 * typed keeps its previous day (today) and saves that while the box still shows 2026-02-30; here
 * the form holds what is shown, and the field's rule (`dateRule` with the contract's schema)
 * refuses a day that does not exist, naming the field. The calendar button fills the box; on
 * leaving the box, 2026/3/5 or 20260305 is written 2026-03-05 — the same day, never another.
 */
export function DateInput({ value, onChange, id, disabledDay, disabled, size, style, placeholder, testId }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const text = value ?? '';
  const set = (v: string) => onChange?.(v === '' ? undefined : v);
  const tidy = () => {
    const n = normaliseDateText(text);
    if (n !== text) set(n);
  };
  const calendar = (
    <div style={{ width: 288 }} data-testid={testId ? `${testId}-calendar` : undefined}>
      <Calendar
        fullscreen={false}
        value={dayjs(isRealDate(text) ? text : shanghaiDate())}
        disabledDate={disabledDay ? (d) => disabledDay(d.format('YYYY-MM-DD')) : undefined}
        onSelect={(d, { source }) => {
          if (source !== 'date' && source !== 'customize') return;
          set(d.format('YYYY-MM-DD'));
          setOpen(false);
        }}
      />
    </div>
  );
  return (
    <Input
      id={id}
      value={text}
      onChange={(e) => set(e.target.value)}
      onBlur={tidy}
      onPressEnter={tidy}
      placeholder={placeholder ?? 'YYYY-MM-DD'}
      autoComplete="off"
      maxLength={20}
      disabled={disabled}
      size={size}
      style={style}
      data-testid={testId}
      suffix={
        <Popover open={open && !disabled} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={calendar} destroyOnHidden>
          <Button
            type="text"
            size="small"
            icon={<CalendarOutlined />}
            disabled={disabled}
            aria-label={t('common.pickDate')}
            style={{ marginInlineEnd: -6, height: 22 }}
            data-testid={testId ? `${testId}-pick` : undefined}
          />
        </Popover>
      }
    />
  );
}
