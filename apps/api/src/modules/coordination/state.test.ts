import { describe, expect, it } from 'vitest';
import { actionPossible, applyEvent, daysUntil, itemLight, replay, TransitionError, type ItemEvent } from './state.js';

const ev = (kind: ItemEvent['kind'], at: string, data: Record<string, unknown> = {}, note: string | null = null, byUserId = 7): ItemEvent => ({ kind, at, byUserId, note, data });

describe('coordination item states', () => {
  const history: ItemEvent[] = [
    ev('raise', '2026-03-01T01:00:00.000Z'),
    ev('escalate', '2026-03-02T01:00:00.000Z', { from: 'unit', to: 'department' }),
    ev('escalate', '2026-03-03T01:00:00.000Z', { from: 'department', to: 'lead_group' }),
    ev('meeting', '2026-03-05T01:00:00.000Z', { leadUnitId: 4, cooperatingUnitIds: [5, 6], deadline: '2026-04-01', decision: '由商务局牵头' }),
    ev('progress', '2026-03-10T01:00:00.000Z', {}, '已对接'),
    ev('resolve', '2026-03-20T01:00:00.000Z', {}, '已解决'),
    ev('confirm', '2026-03-21T01:00:00.000Z', { contactName: '王总' }, null, 9),
  ];

  it('replays a history into the cached state', () => {
    expect(replay(history)).toEqual({
      status: 'closed',
      level: 'lead_group',
      leadUnitId: 4,
      cooperatingUnitIds: [5, 6],
      deadline: '2026-04-01',
      resolvedAt: '2026-03-20T01:00:00.000Z',
      resolutionNote: '已解决',
      closedAt: '2026-03-21T01:00:00.000Z',
      confirmedByUserId: 9,
      confirmedContact: '王总',
      lastEventAt: '2026-03-21T01:00:00.000Z',
    });
  });

  it('answers what an item looked like at an earlier instant', () => {
    expect(replay(history, '2026-03-04T00:00:00.000Z')).toMatchObject({ status: 'open', level: 'lead_group', leadUnitId: null });
    expect(replay(history, '2026-03-15T00:00:00.000Z')).toMatchObject({ status: 'assigned', deadline: '2026-04-01' });
    expect(replay(history, '2026-02-01T00:00:00.000Z')).toBeNull();
  });

  it('reopens to assigned when a lead unit exists, and clears the resolution', () => {
    const s = replay([...history, ev('reopen', '2026-03-25T01:00:00.000Z', { from: 'closed' }, '企业反映仍未解决')]);
    expect(s).toMatchObject({ status: 'assigned', resolvedAt: null, resolutionNote: null, closedAt: null, confirmedByUserId: null, confirmedContact: null });
    const open = replay([ev('raise', '2026-03-01T01:00:00.000Z')]);
    expect(open!.status).toBe('open');
  });

  it('refuses events that cannot follow', () => {
    const raised = replay([history[0]!])!;
    expect(() => applyEvent(raised, ev('resolve', '2026-03-02T00:00:00.000Z'))).toThrow(TransitionError);
    expect(() => applyEvent(raised, ev('confirm', '2026-03-02T00:00:00.000Z'))).toThrow(TransitionError);
    expect(() => applyEvent(raised, ev('meeting', '2026-03-02T00:00:00.000Z'))).toThrow(TransitionError);
    expect(() => applyEvent(raised, ev('escalate', '2026-03-02T00:00:00.000Z', { to: 'unit' }))).toThrow(TransitionError);
    expect(() => applyEvent(null, ev('progress', '2026-03-02T00:00:00.000Z'))).toThrow(TransitionError);
    expect(() => applyEvent(raised, ev('raise', '2026-03-02T00:00:00.000Z'))).toThrow(TransitionError);
    const closed = replay(history)!;
    expect(() => applyEvent(closed, ev('progress', '2026-03-22T00:00:00.000Z'))).toThrow(TransitionError);
    expect(() => applyEvent(closed, ev('escalate', '2026-03-22T00:00:00.000Z', { to: 'lead_group' }))).toThrow(TransitionError);
  });

  it('knows which actions a state allows', () => {
    expect(actionPossible({ status: 'open', level: 'unit', leadUnitId: null }, 'resolve')).toBe(false);
    expect(actionPossible({ status: 'assigned', level: 'unit', leadUnitId: 3 }, 'resolve')).toBe(true);
    expect(actionPossible({ status: 'open', level: 'lead_group', leadUnitId: null }, 'escalate')).toBe(false);
    expect(actionPossible({ status: 'open', level: 'department', leadUnitId: null }, 'escalate', 'department')).toBe(false);
    expect(actionPossible({ status: 'open', level: 'department', leadUnitId: null }, 'escalate', 'lead_group')).toBe(true);
    expect(actionPossible({ status: 'open', level: 'department', leadUnitId: null }, 'meeting')).toBe(false);
    expect(actionPossible({ status: 'resolved', level: 'unit', leadUnitId: 3 }, 'confirm')).toBe(true);
    expect(actionPossible({ status: 'closed', level: 'unit', leadUnitId: 3 }, 'reopen')).toBe(true);
    expect(actionPossible({ status: 'closed', level: 'unit', leadUnitId: 3 }, 'confirm')).toBe(false);
  });
});

describe('coordination lights', () => {
  const today = '2026-05-20';
  it('is red once the deadline or the needed-by date has passed, naming which and by how much', () => {
    expect(itemLight({ status: 'assigned', deadline: '2026-05-15', neededBy: '2026-06-30' }, today, 'zh-CN')).toEqual({ light: 'red', lightReasons: ['办结时限已超期5天'], overdueDays: 5 });
    expect(itemLight({ status: 'open', deadline: null, neededBy: '2026-05-19' }, today, 'zh-CN')).toEqual({ light: 'red', lightReasons: ['需求日期已超期1天'], overdueDays: 1 });
    expect(itemLight({ status: 'assigned', deadline: '2026-05-21', neededBy: '2026-05-10' }, today, 'en-US')).toEqual({
      light: 'red',
      lightReasons: ['Needed-by date passed 10 days ago', 'Deadline in 1 day'],
      overdueDays: 10,
    });
  });
  it('is yellow within three days, green beyond, and unlit once resolved', () => {
    expect(itemLight({ status: 'assigned', deadline: '2026-05-20', neededBy: '2026-07-01' }, today, 'zh-CN')).toEqual({ light: 'yellow', lightReasons: ['办结时限今天到期'], overdueDays: 0 });
    expect(itemLight({ status: 'open', deadline: null, neededBy: '2026-05-23' }, today, 'zh-CN').light).toBe('yellow');
    expect(itemLight({ status: 'open', deadline: null, neededBy: '2026-05-24' }, today, 'zh-CN')).toEqual({ light: 'green', lightReasons: [], overdueDays: 0 });
    expect(itemLight({ status: 'resolved', deadline: '2026-01-01', neededBy: '2026-01-01' }, today, 'zh-CN').light).toBe('green');
    expect(itemLight({ status: 'closed', deadline: '2026-01-01', neededBy: '2026-01-01' }, today, 'zh-CN').light).toBe('green');
  });
  it('counts calendar days', () => {
    expect(daysUntil('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysUntil('2026-02-28', '2026-03-01')).toBe(-1);
  });
});
