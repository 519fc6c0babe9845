import type { FormRule } from 'antd';
import { fieldMessage, type Lang } from '@wutong/contracts';
import { wanToMinor } from './format';

/**
 * Form rules from the contracts: a field is checked in the browser by the very schema the API
 * checks it with, and refused with the catalogue's message (`fieldMessage`), limit included —
 * "金额不能超过 10万亿元", "没有这一天，请检查年月日", "日期不能晚于今天". No second copy of a
 * rule or of its text lives in the web app.
 */

type Issue = Parameters<typeof fieldMessage>[1];
/** What a form needs of a contract's schema (a zod schema: `CreateCapital.shape.recordedOn`). */
export type FieldSchema = { safeParse: (v: unknown) => { success: true } | { success: false; error: { issues: readonly Issue[] } } };

const toLang = (lang: string): Lang => (lang === 'en-US' ? 'en-US' : 'zh-CN');

/** An empty box is no value (the schema then says "必填" when the field is required). */
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The catalogue's message for a value the contract refuses, in the user's language; undefined when it takes it. */
export function schemaProblem(schema: FieldSchema, value: unknown, lang: string): string | undefined {
  const r = schema.safeParse(value);
  return r.success ? undefined : fieldMessage(toLang(lang), r.error.issues[0]!);
}

/** A form rule that runs a contract's schema on what the field will send (`toWire`: what the form holds → what the API takes). */
export function contractRule(schema: FieldSchema, lang: string, toWire: (v: unknown) => unknown = (v) => v): FormRule {
  return {
    validator: (_, v: unknown) => {
      const problem = schemaProblem(schema, blank(v) ? undefined : toWire(v), lang);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}

/** A day field (a `DateInput`: the text shown is the value): the contract's date type — IsoDate, or PastDate for what has happened. */
export const dateRule = (schema: FieldSchema, lang: string) => contractRule(schema, lang, (v) => (typeof v === 'string' ? v.trim() : v));

/** An amount typed in 万 (of its currency): checked in minor units, as sent, against the contract's amount type. */
export const amountWanRule = (schema: FieldSchema, lang: string) => contractRule(schema, lang, (v) => (typeof v === 'number' ? wanToMinor(v) : v));

/** The days a contract refuses (for a calendar's greyed-out cells): `refusedBy(CreateCapital.shape.recordedOn)`. */
export const refusedBy = (schema: FieldSchema) => (day: string) => !schema.safeParse(day).success;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0D\uFF0F\uFF0E]/g;
const DIGITS = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * A day as people type it, written the way the contracts write it: 2026-3-5, 2026/03/05,
 * 2026.3.5, 2026年3月5日, 20260305, full-width digits → 2026-03-05. Only the writing changes,
 * never the day: 2026-02-30 stays 2026-02-30 (and the rule says there is no such day); text that
 * is no date at all stays as typed.
 */
export function normaliseDateText(text: string): string {
  const s = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const m = DIGITS.exec(s) ?? SEPARATED.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}
