import type { Lang } from '@wutong/contracts';

/** Server messages, by machine code. Field messages from zod come localised by zod itself. */
const MESSAGES = {
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
} as const satisfies Record<string, readonly [string, string]>;

export type MessageCode = keyof typeof MESSAGES;

export function isMessageCode(s: string): s is MessageCode {
  return Object.hasOwn(MESSAGES, s);
}

export function t(lang: Lang, code: MessageCode, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[code][lang === 'en-US' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Contracts write custom messages as `i18n:<code>` so that both the server and the web app translate them. */
export function translateFieldMessage(lang: Lang, message: string): string {
  if (message.startsWith('i18n:')) {
    const code = message.slice(5);
    if (isMessageCode(code)) return t(lang, code);
  }
  return message;
}
