import { parseImageReference } from './image';

const DIGEST = `sha256:${'0f'.repeat(32)}`;

describe('parseImageReference', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    ['library/nginx:latest', { repository: 'library/nginx', tag: 'latest' }],
    [
      'docker.io/library/nginx',
      { registry: 'docker.io', repository: 'library/nginx' },
    ],
    ['registry:5000/app', { registry: 'registry:5000', repository: 'app' }],
    [
      'registry:5000/app:1.2.3',
      { registry: 'registry:5000', repository: 'app', tag: '1.2.3' },
    ],
    [
      'localhost/app:dev',
      { registry: 'localhost', repository: 'app', tag: 'dev' },
    ],
    ['Registry/app', { registry: 'Registry', repository: 'app' }],
    ['team/app:2', { repository: 'team/app', tag: '2' }],
    [
      'ghcr.io/org/team/app:v1.0.0-rc.1',
      { registry: 'ghcr.io', repository: 'org/team/app', tag: 'v1.0.0-rc.1' },
    ],
    [`app@${DIGEST}`, { repository: 'app', digest: DIGEST }],
    [
      `registry:5000/app:1.2.3@${DIGEST}`,
      {
        registry: 'registry:5000',
        repository: 'app',
        tag: '1.2.3',
        digest: DIGEST,
      },
    ],
    [
      `[::1]:5000/app@${DIGEST}`,
      { registry: '[::1]:5000', repository: 'app', digest: DIGEST },
    ],
    ['  app:1.0  ', { repository: 'app', tag: '1.0' }],
    ['app:', { repository: 'app' }],
    ['app@', { repository: 'app' }],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it('leaves absent parts out rather than setting them to undefined', () => {
    expect(Object.keys(parseImageReference('nginx'))).toEqual(['repository']);
  });
});
