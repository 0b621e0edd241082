import { CheckFinding, ConformanceCheck } from '../types';
import { parseImageReference } from '../image';
import { resolvePodTemplate } from '../workload';
import { containerFinding, notApplicable, outcomeOf, yaml } from './util';

/** Every image names a specific version, so what runs is what was reviewed. */
export const pinnedImageCheck: ConformanceCheck = {
  id: 'pinned-image',
  title: 'Images are pinned to a version',
  shortTitle: 'Image pin',
  severity: 'high',
  rationale:
    'An image without a tag, or tagged latest, resolves to whatever was pushed last: two pods of the same ' +
    'ReplicaSet can run different code, a node restart silently upgrades a service, and a rollback goes ' +
    'nowhere because the previous version has no name. A version tag fixes this as long as nobody re-pushes ' +
    'it; a digest (image@sha256:…) is best, because it names exact content and cannot be moved, which also ' +
    'makes the deployed artifact verifiable against what CI built and scanned.',
  remediation:
    'Reference every container and init container image by an immutable version tag, or better by digest ' +
    '(image:1.4.2@sha256:… keeps the tag readable while the digest is what gets pulled).',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          containers:
            - name: app
              # Tag for people, digest for the runtime.
              image: registry.portal.io/payments/payment-service:1.4.2@sha256:4f9a1c0d6b8e2a7f3c5d9e1b0a2c4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d
  `,
  evaluate(ctx) {
    const pod = resolvePodTemplate(ctx.workload);
    if (!pod) {
      return notApplicable();
    }
    const findings: CheckFinding[] = [];
    for (const c of pod.containers) {
      const image = c.container.image;
      if (typeof image !== 'string' || image.trim() === '') {
        findings.push(containerFinding(c, 'image', 'has no image.'));
        continue;
      }
      const { tag, digest } = parseImageReference(image);
      if (digest) {
        continue;
      }
      if (!tag) {
        findings.push(
          containerFinding(
            c,
            'image',
            `uses "${image}" without a tag or digest, which means latest.`,
          ),
        );
      } else if (tag === 'latest') {
        findings.push(
          containerFinding(
            c,
            'image',
            `uses the floating tag "latest" ("${image}").`,
          ),
        );
      }
    }
    return outcomeOf(findings);
  },
};
