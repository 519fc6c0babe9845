import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import i18n from 'i18next';
import { ApiError } from './api-client';
import { punct } from './format';

type FieldPath = (string | number)[];
type Message = ReturnType<typeof App.useApp>['message'];

/**
 * Shows a failed request the way users expect: the server's message (already in their language) as a
 * toast, and each field it names marked on the form. The server names a field by its full path
 * (`evidence.parties`, `units.1.unitId`); that path — or the form field `rename` maps it to, or else
 * its first segment — gets the message under it. What no field shows is appended to the toast, so
 * none is lost. Returns whether any field was marked.
 */
function report(message: Message, err: unknown, form: FormInstance | undefined, rename: Record<string, string>, scroll: boolean): boolean {
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
      const full = rename[path] ?? path;
      const target = registered.has(full) ? full : registered.has(full.split('.')[0]!) ? full.split('.')[0]! : undefined;
      if (target) marks.push({ name: target.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [text] });
      else leftover.push(text);
    }
    form.setFields(marks);
    if (scroll && marks[0]) form.scrollToField(marks[0].name, { block: 'center', behavior: 'smooth' });
  } else {
    leftover.push(...Object.values(err.fields));
  }
  const pu = punct(i18n.language);
  const text = leftover.length ? `${err.message}${pu.colon}${leftover.join(pu.semi)}` : err.message;
  message.error({ content: text, duration: 5 });
  return marks.length > 0;
}

/** The app's error handler: a toast, and the named fields of a flat form marked. */
export function useErrorHandler() {
  const { message } = App.useApp();
  return useCallback(<T>(err: unknown, form?: FormInstance<T>) => void report(message, err, form as FormInstance | undefined, {}, false), [message]);
}

/** The same for long forms with nested fields: `rename` maps server paths to form fields, and the first marked field scrolls into view. */
export function useServerErrors() {
  const { message } = App.useApp();
  return useCallback((err: unknown, form?: FormInstance, rename: Record<string, string> = {}) => report(message, err, form, rename, true), [message]);
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
