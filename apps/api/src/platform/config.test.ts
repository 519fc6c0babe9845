import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseTrustProxy } from './config.js';

describe('TRUST_PROXY', () => {
  it('is off unless proxies are listed', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const off of ['', '0', 'false', ' ']) expect(parseTrustProxy(off)).toBe(false);
  });

  it('takes addresses, CIDR ranges and the named ranges', () => {
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything that would trust every client, or is no address, saying how to write it', () => {
    for (const bad of ['true', '1', '*', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/1']) {
      expect(() => parseTrustProxy(bad)).toThrow(ConfigError);
    }
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY=127\.0\.0\.1,10\.0\.0\.0\/8/);
  });
});
