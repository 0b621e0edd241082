import { readFlags } from './main';

describe('readFlags', () => {
  it('reads each flag as `--name value` or `--name=value`', () => {
    expect(
      readFlags([
        '--port',
        '7000',
        '--host=localhost',
        '--manifests',
        'deploy/x',
        '--extra-manifests=a,b',
        '--identities=',
        '--kubeconfig',
        '/tmp/k',
      ]),
    ).toEqual({
      port: '7000',
      host: 'localhost',
      manifests: 'deploy/x',
      'extra-manifests': 'a,b',
      identities: '',
      kubeconfig: '/tmp/k',
    });
    expect(readFlags([])).toEqual({});
  });

  it('refuses an unknown flag or a flag without its value', () => {
    expect(() => readFlags(['--prot', '7000'])).toThrow(
      /Unknown option '--prot'/,
    );
    expect(() => readFlags(['--port'])).toThrow(/argument missing/);
  });
});
