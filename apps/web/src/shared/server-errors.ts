import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError } from './api-client';

type FieldPath = (string | number)[];

/**
 * Like the app's error handler, for forms with nested fields: the server names a field by its full
 * path (`evidence.parties`, `newEnterprise.name`, `units.1.unitId`); that path — or the form field
 * `rename` maps it to — gets the message under it. What no field shows goes into the toast.
 * Returns whether any field was marked.
 */
export function useServerErrors() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance, rename: Record<string, string> = {}): boolean => {
      if (!(err instanceof ApiError)) {
        message.error(err instanceof Error ? err.message : String(err));
        return false;
      }
      // these two navigate away on their own (see setAuthHandlers)
      if (err.code === 'unauthenticated' || err.code === 'password_must_change') return false;
      const leftover: string[] = [];
      const marks: { name: FieldPath; errors: string[] }[] = [];
      if (form) {
        const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        for (const [path, text] of Object.entries(err.fields)) {
          const target = rename[path] ?? path;
          if (registered.has(target)) marks.push({ name: target.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [text] });
          else leftover.push(text);
        }
        form.setFields(marks);
        if (marks[0]) form.scrollToField(marks[0].name, { block: 'center', behavior: 'smooth' });
      } else {
        leftover.push(...Object.values(err.fields));
      }
      const text = leftover.length ? `${err.message}：${leftover.join('；')}` : err.message;
      message.error({ content: text, duration: 5 });
      return marks.length > 0;
    },
    [message],
  );
}

/**
 * A server's field message stays until the user changes that field (fields without rules are not
 * revalidated by the form, so nothing else would clear it). Use as a form's onValuesChange.
 */
export function clearChangedErrors(form: FormInstance, changed: unknown, prefix: FieldPath = []) {
  if (typeof changed !== 'object' || changed === null || Array.isArray(changed) || (changed as { $isDayjsObject?: boolean }).$isDayjsObject) {
    if (prefix.length && form.getFieldError(prefix).length) form.setFields([{ name: prefix, errors: [] }]);
    return;
  }
  for (const [k, v] of Object.entries(changed)) clearChangedErrors(form, v, [...prefix, k]);
}
