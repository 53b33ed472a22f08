import { parseDemoArgs } from './demo.args';
import { DEFAULT_REPLAY_SPEED } from './replay-clock';

describe('parseDemoArgs', () => {
  it('defaults to the three-minute replay on port 3000', () => {
    expect(parseDemoArgs([])).toEqual({ speed: DEFAULT_REPLAY_SPEED, port: 3000, keepDb: false });
  });
  it('takes --speed as event-seconds per second or as a multiple of the default', () => {
    expect(parseDemoArgs(['--speed', '600']).speed).toBe(600);
    expect(parseDemoArgs(['--speed=2x']).speed).toBe(2 * DEFAULT_REPLAY_SPEED);
    expect(parseDemoArgs(['--port', '4000', '--keep-db'])).toMatchObject({ port: 4000, keepDb: true });
  });
  it.each([[['--speed', '0']], [['--speed', 'fast']], [['--port', '99999']], [['--bogus']], [['--speed']]])('refuses %j', (argv) => {
    expect(() => parseDemoArgs(argv)).toThrow();
  });
});
