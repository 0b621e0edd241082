import { NotFoundError } from '@backstage/errors';
import type {
  GoldenPathDrift,
  GoldenPathTemplate,
} from '@internal/plugin-golden-paths-common';
import type { GoldenPathFilter, GoldenPathsApi } from '../api/types';

export const invoiceDrift: GoldenPathDrift = {
  entityRef: 'component:default/invoice-api',
  owner: 'group:default/payments',
  template: 'template:default/http-api',
  recordedVersion: '1.0.0',
  latestVersion: '1.1.0',
  behind: 1,
  changed: ['README.md', 'kubernetes/deployment.yaml'],
  missing: ['Dockerfile'],
  scannedAt: '2026-12-06T03:00:00.000Z',
};

export const ledgerDrift: GoldenPathDrift = {
  entityRef: 'component:default/ledger-worker',
  owner: 'group:default/search',
  template: 'template:default/worker',
  recordedVersion: '1.0.0',
  latestVersion: '1.0.0',
  behind: 0,
  changed: [],
  missing: [],
  scannedAt: '2026-12-06T03:00:00.000Z',
};

export const templates: GoldenPathTemplate[] = [
  {
    template: 'template:default/http-api',
    name: 'http-api',
    versions: ['1.0.0', '1.1.0'],
  },
  { template: 'template:default/worker', name: 'worker', versions: ['1.0.0'] },
];

/** In-memory API: the component tests cover rendering; the client test covers HTTP. */
export class FakeGoldenPathsApi implements GoldenPathsApi {
  constructor(
    public services: GoldenPathDrift[] = [invoiceDrift, ledgerDrift],
  ) {}

  getService = jest.fn(async (entityRef: string) => {
    const found = this.services.find(s => s.entityRef === entityRef);
    if (!found) throw new NotFoundError(`${entityRef} has no golden path`);
    return found;
  });

  listServices = jest.fn(async (filter: GoldenPathFilter = {}) =>
    this.services.filter(
      s =>
        (!filter.template || s.template === filter.template) &&
        (!filter.version || s.recordedVersion === filter.version) &&
        (!filter.owner || s.owner === filter.owner) &&
        (filter.behind === undefined || s.behind > 0 === filter.behind),
    ),
  );

  listTemplates = jest.fn(async () => templates);

  upgrade = jest.fn(async (_entityRef: string, _options?: object) => ({
    taskId: 'task-7',
    taskUrl: '/create/tasks/task-7',
  }));
}
