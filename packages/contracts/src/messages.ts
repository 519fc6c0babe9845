import type { z } from 'zod';
import type { Lang } from './common.js';

/**
 * Every message a user reads about a refusal, by machine code, in Chinese and English: the
 * server's answers and the field messages of every contract (zod issues go through
 * `fieldMessage`). Contracts name a message as `i18n:<code>`. A message with a limit says it
 * (`{max}`, `{min}`, `{values}`): a person should know what is allowed, not only that it is not.
 */
const MESSAGES = {
  // field messages of the contracts (what is wrong with a value, and what is allowed)
  required: ['必填', 'Required'],
  too_long: ['不能超过 {max} 个字', 'At most {max} characters'],
  too_short: ['至少 {min} 个字', 'At least {min} characters'],
  too_big: ['不能大于 {max}', 'At most {max}'],
  too_small: ['不能小于 {min}', 'At least {min}'],
  too_many: ['最多 {max} 项', 'At most {max} items'],
  too_few: ['至少 {min} 项', 'At least {min} items'],
  amount_max: ['金额不能超过 10万亿元', 'The amount cannot exceed CNY 10 trillion'],
  amount_negative: ['金额不能为负数', 'The amount cannot be negative'],
  amount_positive: ['金额应大于 0', 'The amount must be more than 0'],
  integer: ['应为整数', 'Must be a whole number'],
  not_number: ['应为数字', 'Must be a number'],
  not_text: ['应为文字', 'Must be text'],
  not_boolean: ['应为是或否（true/false）', 'Must be true or false'],
  not_object: ['应为一个对象（JSON {…}）', 'Must be an object (JSON {…})'],
  not_list: ['应为一个列表', 'Must be a list'],
  one_of: ['应为以下之一：{values}', 'Must be one of: {values}'],
  unknown_field: ['没有这个字段', 'No such field'],
  bad_format: ['格式不正确', 'Wrong format'],
  date_invalid: ['没有这一天，请检查年月日', 'No such day: check the year, month and day'],
  date_future: ['日期不能晚于今天', 'The date cannot be later than today'],
  body_not_expected: ['该操作不接受请求内容', 'This action takes no request body'],
  validation_failed: ['输入有误，请检查标出的字段', 'Some fields are invalid'],
  bad_json: ['请求体不是合法的 JSON', 'The request body is not valid JSON'],
  body_too_large: ['请求体过大（上限 {limit}）', 'The request body is too large (limit {limit})'],
  json_required: ['修改数据的请求必须以 application/json 发送', 'State-changing requests must send application/json'],
  cross_site: ['拒绝跨站请求', 'Cross-site request refused'],
  unauthenticated: ['请先登录', 'Please sign in'],
  forbidden: ['您的角色无权执行此操作', 'Your role does not allow this'],
  not_found: ['未找到该记录', 'Not found'],
  route_not_found: ['接口不存在', 'No such endpoint'],
  conflict: ['与现有数据冲突', 'Conflicts with existing data'],
  internal: ['服务器内部错误，请稍后重试（请求编号 {requestId}）', 'Internal error, please retry (request {requestId})'],
  database_unavailable: ['数据库暂时不可用（可能正在重启），请 {seconds} 秒后重试', 'The database is briefly unavailable (it may be restarting); please retry in {seconds} seconds'],
  login_failed: ['用户名或密码错误', 'Wrong username or password'],
  login_locked: ['连续登录失败次数过多，请 {minutes} 分钟后再试', 'Too many failed sign-ins; try again in {minutes} minutes'],
  account_inactive: ['账号已停用，请联系管理员', 'This account is deactivated; contact your administrator'],
  password_wrong: ['当前密码不正确', 'The current password is wrong'],
  password_must_change: ['请先修改初始密码', 'Please change your initial password first'],
  unit_cycle: ['不能把单位移到它自己或其下级单位之下', 'A unit cannot move under itself or its own descendant'],
  unit_has_records: ['该单位仍有关联记录（{refs}），不能删除，可改为停用', 'The unit still has records ({refs}); deactivate it instead'],
  user_has_records: ['该用户仍有关联记录（{refs}），不能删除，可改为停用', 'The user still has records ({refs}); deactivate it instead'],
  region_is_root: ['行政区域根节点不能移动、停用或删除', 'A region root cannot be moved, deactivated or deleted'],
  self_deactivate: ['不能停用或删除自己的账号', 'You cannot deactivate or delete your own account'],
  append_only: ['历史记录只能追加，不能修改', 'History is append-only'],
  unique_taken: ['该值已被使用', 'This value is already taken'],
  reference_missing: ['引用的记录不存在', 'The referenced record does not exist'],
  invalid_value: ['取值不合法', 'Invalid value'],
  letters_digits: ['只能包含字母、数字和 - _', 'Letters, digits, - and _ only'],
  username_chars: ['只能包含字母、数字和 _ . -', 'Letters, digits, _ . - only'],
  phone_chars: ['只能包含数字、+、- 和空格', 'Digits, +, - and spaces only'],
  must_differ: ['新密码不能与当前密码相同', 'Must differ from the current password'],
  date_format: ['日期格式应为 YYYY-MM-DD', 'Use the date format YYYY-MM-DD'],
  control_chars: ['不能包含控制字符', 'Must not contain control characters'],
  role_not_grantable: ['不能授予该角色', 'This role cannot be granted here'],
  // enterprise registry
  enterprise_uscc_format: ['统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）', 'A unified social credit code is 18 digits or capital letters (no I, O, S, V, Z)'],
  enterprise_uscc_check: ['统一社会信用代码校验位不正确，请核对', 'The check character of this unified social credit code is wrong'],
  enterprise_uscc_taken: ['该统一社会信用代码已登记', 'This unified social credit code is already registered'],
  enterprise_exists: ['名录中已有这家企业（同一信用代码或同一名称），请直接选用', 'The registry already has this enterprise (same credit code or same name): pick it instead'],
  enterprise_merged: ['该企业记录已合并到另一条记录', 'This enterprise record has been merged into another'],
  enterprise_industry_format: ['行业代码应为门类字母或 2–4 位数字（GB/T 4754-2017）', 'An industry code is a section letter or 2–4 digits (GB/T 4754-2017)'],
  enterprise_industry_unknown: ['没有这个国民经济行业代码', 'No such industry code'],
  enterprise_division_format: ['区划代码应为 6 位或 9 位数字（GB/T 2260）', 'A division code has 6 or 9 digits (GB/T 2260)'],
  enterprise_origin_values: ['来源类型应为：本地、市外内资、外资、浙商回归', 'Origin must be one of: local, out-of-city domestic, foreign, returning Zhejiang merchants'],
  enterprise_currency_unknown: ['不认识的币种', 'Unknown currency'],
  enterprise_capital_number: ['注册资本应为不小于 0 的数字（万元）', 'Registered capital must be a number ≥ 0 (in 10,000 units)'],
  enterprise_name_ambiguous: ['有多家同名企业，无法确定更新哪一家，请填写统一社会信用代码', 'Several enterprises have this name; give the unified social credit code'],
  enterprise_name_other_uscc: ['同名企业已登记了不同的统一社会信用代码', 'An enterprise of this name is registered with another unified social credit code'],
  import_file_type: ['只能导入 .xlsx 或 .csv 文件', 'Only .xlsx or .csv files can be imported'],
  import_base64: ['文件内容应为 Base64 编码', 'The file content must be Base64'],
  import_unreadable: ['文件无法读取，请使用导入模板（.xlsx，或 UTF-8/GBK 编码的 .csv）', 'The file cannot be read; use the import template (.xlsx, or a UTF-8/GBK .csv)'],
  import_no_header: ['第一行应为表头，且包含“企业名称”列', 'The first row must be the header and include a name column'],
  import_interrupted: ['导入被中断（服务重启），请重新导入；已导入的行不会重复', 'The import was interrupted (server restart); import again: rows already in are not duplicated'],
  // projects
  likely_duplicate: ['名录中已有很可能是同一家的企业“{name}”：请选用它，或说明为什么是另一家企业', 'The registry has “{name}”, very likely the same enterprise: pick it, or say why this one is different'],
  duplicate_reviewed: ['该疑似重复线索已处理', 'This suspected duplicate has already been decided'],
  duplicate_project: ['该企业已有在跟进的项目（{unit}），请选择"加入该项目"或"申请认定"', 'This enterprise already has an open project ({unit}): join it or claim it'],
  uscc_elsewhere: ['该信用代码属于其他区域的企业', 'This credit code belongs to an enterprise of another region'],
  uscc_invalid: ['统一社会信用代码校验不通过', 'The unified social credit code fails its check digit'],
  uscc_taken: ['该信用代码已属于企业"{name}"', 'This credit code already belongs to "{name}"'],
  bad_transition: ['当前阶段（{from}）不能转到该阶段', 'The project cannot move there from its current stage ({from})'],
  gate_evidence: ['缺少进入该阶段所需的材料，请补全标出的字段', 'Evidence for this stage is missing; complete the marked fields'],
  gate_evidence_missing: ['必填', 'Required'],
  reason_required: ['请填写原因', 'A reason is required'],
  lead_not_accepted: ['线索尚未受理，请先在线索收件箱中受理并指派', 'The lead has not been accepted yet: accept and assign it in the inbox first'],
  intake_done: ['该线索已处理', 'This lead has already been handled'],
  merge_self: ['不能合并到自身', 'A lead cannot merge into itself'],
  reversal_of_reversal: ['冲销记录不能再冲销', 'A reversing entry cannot itself be reversed'],
  already_reversed: ['该记录已冲销', 'This record is already reversed'],
  arbitration_closed: ['该认定申请已处理', 'This claim has already been decided'],
  enterprise_required: ['请选择已有企业或填写新企业（二选一）', 'Pick an existing enterprise or enter a new one (one of the two)'],
  industry_code: ['行业代码应为 GB/T 4754 门类字母或代码', 'Use a GB/T 4754 section letter or code'],
  shares_sum: ['各单位分成之和须为 100%', 'Shares must add up to 100%'],
  duplicate_units: ['单位不能重复', 'Each unit only once'],
  end_before_start: ['结束日期不能早于开始日期', 'The end cannot be before the start'],
  // assessment periods (contracts PeriodKey) and points
  period_format: ['期间应写作 2026（年）、2026-Q4（季度）或 2026-11（月）', 'Write the period as 2026 (year), 2026-Q4 (quarter) or 2026-11 (month)'],
  // assessment targets
  target_parts_none: ['不分解时不填写分期目标', 'No parts when the target is not split'],
  target_parts_quarter: ['按季度分解须填写 4 个季度的目标', 'A quarterly split needs 4 parts'],
  target_parts_month: ['按月分解须填写 12 个月的目标', 'A monthly split needs 12 parts'],
  target_parts_sum: ['各期目标之和须等于年度目标', 'The parts must add up to the annual target'],
  // scheduler, notifications, webhooks
  cron_invalid: ['定时表达式不正确：{reason}', 'Invalid cron expression: {reason}'],
  cron_never: ['该定时表达式永远不会触发', 'This cron expression never fires'],
  cron_out_of_range: ['{field}超出取值范围（{range}）', 'the {field} is out of range ({range})'],
  cron_fields: ['应为以空格分隔的 5 段（分 时 日 月 周）或 6 段（秒 分 时 日 月 周）', 'use 5 space-separated fields (minute hour day month weekday), or 6 with seconds first'],
  cron_chars: ['第 {n} 段（{field}）含有无效字符', 'field {n} ({field}) contains invalid characters'],
  cron_syntax: ['语法错误（{reason}）', '{reason}'],
  job_unknown: ['没有这个定时任务', 'No such job'],
  period_invalid: ['周期格式不正确，应为 {example}', 'Invalid period; write it like {example}'],
  period_future: ['该周期尚未到来，不能执行', 'This period has not come yet'],
  run_in_progress: ['该周期的任务正在执行，请稍后再试', 'This period is running right now; try again later'],
  webhook_url: ['请填写 http:// 或 https:// 开头的完整地址', 'Enter a full http:// or https:// address'],
  webhook_secret_chars: ['密钥只能包含可见的 ASCII 字符', 'The secret may only contain printable ASCII characters'],
  webhook_events_empty: ['请至少选择一种事件', 'Choose at least one event'],
  // coordination items
  coordination_lead_not_cooperating: ['牵头单位不能同时是配合单位', 'The lead unit cannot also be a cooperating unit'],
  coordination_deadline_before_meeting: ['办结时限不能早于会议日期', 'The deadline cannot be before the meeting'],
  coordination_date_past: ['日期不能早于今天', 'The date cannot be in the past'],
  coordination_meeting_future: ['会议日期不能晚于今天', 'The meeting date cannot be in the future'],
  coordination_not_allowed: ['您无权对该协调事项执行此操作（{rule}）', 'You may not do this on this coordination item ({rule})'],
  coordination_bad_state: ['该协调事项当前为“{status}”，不能执行此操作', 'The coordination item is “{status}”: this is not possible now'],
  coordination_level_not_higher: ['只能逐级向上提级（当前：{level}）', 'An item can only be escalated upwards (now: {level})'],
  coordination_project_closed: ['该项目已终止或未被受理，不能提出协调事项', 'The project is dropped or was not accepted: no coordination item can be raised'],
  coordination_unit_inactive: ['该单位已停用', 'This unit is deactivated'],
  // bulletins and the assessment close
  bulletin_period_format: ['通报期间应写作 2026-04（月）或 2026-W18（周）', 'Write the period as 2026-04 (month) or 2026-W18 (week)'],
  bulletin_period_monthly: ['月通报的期间应写作 2026-04', 'A monthly bulletin’s period is written 2026-04'],
  bulletin_period_weekly: ['周通报的期间应写作 2026-W18（该年存在的周）', 'A weekly bulletin’s period is written 2026-W18 (a week of that year)'],
  bulletin_title_period: ['标题格式须包含 {period}', 'The title pattern must contain {period}'],
  period_not_ended: ['该期间尚未结束，结束后才能生成或考核', 'This period has not ended yet'],
  bulletin_published: ['该通报已签发，不能再修改、重新生成或删除', 'This bulletin is published: it can no longer change, be regenerated or be discarded'],
  bulletin_not_draft: ['只有草稿状态的通报才能修改或审核', 'Only a draft can be edited or reviewed'],
  bulletin_not_reviewed: ['通报须先审核才能签发或退回', 'The bulletin must be reviewed first'],
  snapshot_exists: ['{period} 已考核冻结，不能重复冻结', '{period} is already closed'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageCode = keyof typeof MESSAGES;
/** Every code with its two texts (the catalogue test walks them). */
export const MESSAGE_CATALOGUE: Readonly<Record<MessageCode, readonly [string, string]>> = MESSAGES;

export function isMessageCode(s: string): s is MessageCode {
  return Object.hasOwn(MESSAGES, s);
}

export function t(lang: Lang, code: MessageCode, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[code][lang === 'en-US' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Contracts write custom messages as `i18n:<code>` so that both the server and the web app translate them. */
export function translateFieldMessage(lang: Lang, message: string, params: Record<string, string | number> = {}): string {
  if (message.startsWith('i18n:')) {
    const code = message.slice(5);
    if (isMessageCode(code)) return t(lang, code, params);
  }
  return message;
}

/**
 * The text of an issue after parsing (`schema.safeParse(v, { error: (i) => fieldMessage(lang, i) })`):
 * a schema's own message (`i18n:code`) takes precedence over the error map in zod, so it is
 * translated here, with the issue's limits.
 */
export function issueMessage(lang: Lang, issue: z.core.$ZodIssue): string {
  const limits = { max: String((issue as { maximum?: unknown }).maximum ?? ''), min: String((issue as { minimum?: unknown }).minimum ?? '') };
  return translateFieldMessage(lang, issue.message, limits);
}

/** A zod issue as a field message in the user's language, saying what is allowed. */
export function fieldMessage(lang: Lang, issue: z.core.$ZodIssue | z.core.$ZodRawIssue): string {
  // a contract's own message (`i18n:code`) wins, with the issue's limits as parameters
  const own = typeof issue.message === 'string' && issue.message.startsWith('i18n:') ? issue.message : undefined;
  const limits = { max: String((issue as { maximum?: unknown }).maximum ?? ''), min: String((issue as { minimum?: unknown }).minimum ?? '') };
  if (own) return translateFieldMessage(lang, own, limits);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return t(lang, 'required');
      const expected = issue.expected as string;
      if (expected === 'number' || expected === 'int' || expected === 'bigint') return t(lang, 'not_number');
      if (expected === 'string') return t(lang, 'not_text');
      if (expected === 'boolean') return t(lang, 'not_boolean');
      if (expected === 'array') return t(lang, 'not_list');
      if (expected === 'object' || expected === 'record') return t(lang, 'not_object');
      return t(lang, 'invalid_value');
    }
    case 'too_big':
      if (issue.origin === 'string') return t(lang, 'too_long', limits);
      if (issue.origin === 'array' || issue.origin === 'set') return t(lang, 'too_many', limits);
      return t(lang, 'too_big', limits);
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t(lang, 'required') : t(lang, 'too_short', limits);
      if (issue.origin === 'array' || issue.origin === 'set') return t(lang, 'too_few', limits);
      return t(lang, 'too_small', limits);
    case 'invalid_value':
      return t(lang, 'one_of', { values: issue.values.map(String).join(lang === 'en-US' ? ', ' : '、') });
    case 'unrecognized_keys':
      return t(lang, 'unknown_field');
    case 'invalid_format':
      return t(lang, 'bad_format');
    case 'not_multiple_of':
      return t(lang, 'integer');
    case 'invalid_union':
      return t(lang, 'invalid_value');
    default:
      return t(lang, 'invalid_value');
  }
}
