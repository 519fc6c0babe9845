import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';

const theme = {
  token: {
    colorPrimary: '#1d4f91',
    colorLink: '#1d4f91',
    borderRadius: 6,
    // the palette antd derives from this deep blue has greyish light tints; these read as "selected"
    colorPrimaryBg: '#e6eef8',
    colorPrimaryBgHover: '#d3e1f3',
    controlItemBgActive: '#e6eef8',
    controlItemBgActiveHover: '#d3e1f3',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

const dayjsLocale = (lang: string) => (lang === 'en-US' ? 'en' : 'zh-cn');
dayjs.locale(dayjsLocale(document.documentElement.lang));

/**
 * Ant Design with its locale, theme and the App context (message, modal, notification). It lives in
 * the signed-in chunk: the login page is plain HTML so that the first screen stays small.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  // set during render too, so that the first paint after a switch already formats dates right
  if (dayjs.locale() !== dayjsLocale(lang)) dayjs.locale(dayjsLocale(lang));
  useEffect(() => {
    dayjs.locale(dayjsLocale(lang));
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'en-US' ? enUSLocale : zhCNLocale} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
