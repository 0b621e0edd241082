import {
  contextOf,
  goodContainer,
  goodInitContainer,
  goodPodSpec,
  workloadOf,
} from '../testUtils';
import { pinnedImageCheck } from './pinnedImage';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

const evaluate = (podSpec: any, kind = 'Deployment') =>
  pinnedImageCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

const withImage = (image: any) =>
  goodPodSpec({ containers: [goodContainer({ image })] });

describe('pinned-image', () => {
  it.each([
    ['app:1.2.3', 'pass'],
    ['registry.portal.io/payments/payment-service:1.4.2', 'pass'],
    ['registry:5000/app:1.2.3', 'pass'],
    [`image@${DIGEST}`, 'pass'],
    [`registry:5000/app@${DIGEST}`, 'pass'],
    [`app:latest@${DIGEST}`, 'pass'],
    ['app:latest', 'fail'],
    ['app', 'fail'],
    ['docker.io/library/nginx', 'fail'],
    ['registry:5000/app', 'fail'],
    ['localhost:5000/team/app:latest', 'fail'],
    ['app:', 'fail'],
    ['', 'fail'],
    [undefined, 'fail'],
  ])('%s → %s', (image, verdict) => {
    expect(evaluate(withImage(image)).verdict).toBe(verdict);
  });

  it('explains a missing tag and a latest tag differently', () => {
    expect(evaluate(withImage('registry:5000/app')).findings).toEqual([
      {
        container: 'app',
        fieldPath: 'spec.template.spec.containers[0].image',
        message:
          'Container "app" uses "registry:5000/app" without a tag or digest, which means latest.',
      },
    ]);
    expect(evaluate(withImage('nginx:latest')).findings[0].message).toBe(
      'Container "app" uses the floating tag "latest" ("nginx:latest").',
    );
  });

  it('fails naming only the unpinned container', () => {
    const podSpec = goodPodSpec({
      containers: [
        goodContainer(),
        goodContainer({ name: 'envoy', image: 'envoyproxy/envoy' }),
      ],
    });
    expect(
      evaluate(podSpec).findings.map(f => [f.container, f.fieldPath]),
    ).toEqual([['envoy', 'spec.template.spec.containers[1].image']]);
  });

  it('applies to init containers', () => {
    const podSpec = goodPodSpec({
      initContainers: [goodInitContainer({ image: 'busybox' })],
    });
    expect(
      evaluate(podSpec, 'CronJob').findings.map(f => [
        f.container,
        f.fieldPath,
      ]),
    ).toEqual([
      [
        'migrate',
        'spec.jobTemplate.spec.template.spec.initContainers[0].image',
      ],
    ]);
  });

  it('says that digests are best', () => {
    expect(pinnedImageCheck.rationale).toMatch(/digest .*is best/);
  });
});
