import { describe, expect, it } from 'vitest';
import { Uscc } from '@wutong/contracts';
import { USCC_CHARSET, isValidUscc, normaliseUscc, usccCheckChar } from './uscc.js';
import real from './testdata/uscc-real.json' with { type: 'json' };

const codes = [...real.named.map((c) => c.uscc), ...real.codes];

describe('USCC (GB 32100-2015)', () => {
  it('accepts every real code', () => {
    expect(codes.length).toBeGreaterThan(100);
    for (const c of codes) expect(isValidUscc(c), c).toBe(true);
  });

  it('refuses every code with any one character changed', () => {
    for (const c of codes) {
      for (let i = 0; i < 18; i++) {
        // the next character of the set: always a different value, so the check must fail
        const next = USCC_CHARSET[(USCC_CHARSET.indexOf(c[i]!) + 1) % USCC_CHARSET.length]!;
        const bad = c.slice(0, i) + next + c.slice(i + 1);
        expect(isValidUscc(bad), `${c} → ${bad}`).toBe(false);
      }
    }
  });

  it.each([
    ['91110000600037341L', true],
    ['91110000600037341N', false],
    ['91110000600037341', false],
    ['91110000600037341LX', false],
    ['9111000060003734IL', false], // I is not in the set
    ['91110000600037341l', false], // lower case is for the normaliser
    ['', false],
  ])('%s → %s', (code, ok) => expect(isValidUscc(code)).toBe(ok));

  it('computes the check character, and refuses characters outside the set', () => {
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(usccCheckChar('9111000060003734O')).toBeNull();
    expect(usccCheckChar('123')).toBeNull();
  });

  it('normalises pasted codes, and the contract does the same', () => {
    expect(normaliseUscc(' ９１１１００００６０００３７３４１ｌ ')).toBe('91110000600037341L');
    expect(Uscc.parse(' 91110000600037341l ')).toBe('91110000600037341L');
    expect(Uscc.safeParse('91110000600037341N').error?.issues[0]?.message).toBe('i18n:enterprise_uscc_check');
    expect(Uscc.safeParse('9111000060003734').error?.issues[0]?.message).toBe('i18n:enterprise_uscc_format');
  });
});
