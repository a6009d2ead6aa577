import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parseLaunchOptions } from './launch-options.ts';

const ELECTRON_ARGV = ['/opt/aiw/aiw', '--no-sandbox', '--enable-logging'];

describe('parseLaunchOptions', () => {
  it('returns nothing when no option is given', () => {
    expect(parseLaunchOptions(ELECTRON_ARGV, {})).toEqual({});
  });

  it('reads our options in both --x=v and --x v forms, ignoring Chromium switches', () => {
    const options = parseLaunchOptions(
      [...ELECTRON_ARGV, '--data-dir=/tmp/aiw-a', '--demo-speed', '8', '--config', 'conf/aiw.json', '.'],
      {},
    );
    expect(options).toEqual({ dataDir: '/tmp/aiw-a', demoSpeed: 8, configFile: resolve('conf/aiw.json') });
  });

  it('prefers --data-dir over AIW_DATA_DIR and resolves relative paths', () => {
    expect(parseLaunchOptions([...ELECTRON_ARGV, '--data-dir', 'rel'], { AIW_DATA_DIR: '/env' })).toEqual({
      dataDir: resolve('rel'),
    });
    expect(parseLaunchOptions(ELECTRON_ARGV, { AIW_DATA_DIR: '/env' })).toEqual({ dataDir: '/env' });
    expect(parseLaunchOptions(ELECTRON_ARGV, { AIW_DATA_DIR: '  ' })).toEqual({});
  });

  it('rejects a bad demo speed or a value-less option with CONFIG_INVALID', () => {
    for (const bad of ['0', '-2', 'fast', 'Infinity']) {
      expect(() => parseLaunchOptions(['--demo-speed', bad], {})).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    }
    expect(() => parseLaunchOptions(['--data-dir'], {})).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
