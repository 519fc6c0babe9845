import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from './api-client';

/**
 * Shows a failed request the way users expect: the server's message (already in their language) as a
 * toast, and each field it names marked on the form. Field messages the form has no field for are
 * appended to the toast so none is lost.
 */
export function useErrorHandler() {
  const { message } = App.useApp();
  return useCallback(
    <T>(err: unknown, form?: FormInstance<T>) => {
      if (!(err instanceof ApiError)) {
        message.error(err instanceof Error ? err.message : String(err));
        return;
      }
      // these two navigate away on their own (see setAuthHandlers)
      if (err.code === 'unauthenticated' || err.code === 'password_must_change') return;
      const leftover: string[] = [];
      if (form) {
        const registered = new Set(form.getFieldsError().map((f) => String(f.name[0])));
        const marks: { name: string; errors: string[] }[] = [];
        for (const [path, text] of Object.entries(err.fields)) {
          const name = path.split('.')[0] ?? path;
          if (registered.has(name)) marks.push({ name, errors: [text] });
          else leftover.push(text);
        }
        // FormInstance.setFields is typed by the form's values; names come from the server, checked above
        (form.setFields as (f: { name: string; errors: string[] }[]) => void)(marks);
      } else {
        leftover.push(...Object.values(err.fields));
      }
      const text = leftover.length ? `${err.message}：${leftover.join('；')}` : err.message;
      message.error({ content: text, duration: 5 });
    },
    [message],
  );
}
