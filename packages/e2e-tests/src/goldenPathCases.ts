import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './startPortalBackend';

// What scaffolder.test.ts submits for each golden path, and the files each must render.

const templatesDir = path.join(repoRoot, 'templates');

/** Every file under templates/, as the dry-run API wants them (paths relative to the template). */
export function templateFiles(
  dir = templatesDir,
): { path: string; base64Content: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(d => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return templateFiles(full);
    return [
      {
        path: path.relative(templatesDir, full),
        base64Content: fs.readFileSync(full).toString('base64'),
      },
    ];
  });
}

/** What every Node service path (http-api, worker, cron-job) renders. */
const NODE_SERVICE_FILES = [
  'catalog-info.yaml',
  'README.md',
  'Dockerfile',
  '.dockerignore',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'slo.yaml',
  '.github/workflows/ci.yaml',
  'src/main.ts',
];

/** Each template's required files and values a new user would submit. */
export const cases: Record<
  string,
  {
    values: Record<string, unknown>;
    files: string[];
    /** Resource paths: the operator's custom resource, which the local cluster cannot validate. */
    operatorKind?: string;
  }
> = {
  'http-api': {
    values: {
      name: 'invoice-api',
      description: 'Issues and lists invoices for orders.',
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      size: 'medium',
      highAvailability: true,
    },
    files: [
      ...NODE_SERVICE_FILES,
      'src/app.ts',
      'src/probes.ts',
      'src/metrics.ts',
      'src/logger.ts',
      'test/app.test.ts',
      'kubernetes/deployment.yaml',
      'kubernetes/service.yaml',
      'kubernetes/autoscaling.yaml',
      'kubernetes/network-policy.yaml',
    ],
  },
  worker: {
    values: {
      name: 'invoice-mailer',
      description: 'Sends invoice emails from the invoices queue.',
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      size: 'medium',
      highAvailability: true,
    },
    files: [
      ...NODE_SERVICE_FILES,
      'src/logger.ts',
      'src/worker.ts',
      'test/worker.test.ts',
      'kubernetes/deployment.yaml',
      'kubernetes/autoscaling.yaml',
      'kubernetes/network-policy.yaml',
    ],
  },
  'cron-job': {
    values: {
      name: 'invoice-reminders',
      description: 'Reminds customers of unpaid invoices every night.',
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      size: 'medium',
      schedule: '0 3 * * *',
    },
    files: [
      ...NODE_SERVICE_FILES,
      'src/logger.ts',
      'src/job.ts',
      'test/job.test.ts',
      'kubernetes/cronjob.yaml',
      'kubernetes/network-policy.yaml',
    ],
  },
  'postgres-database': {
    values: {
      name: 'invoice-database',
      description: 'Invoices and their line items for payment-service.',
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      dependencyOf: 'component:default/payment-service',
      size: 'medium',
      highAvailability: true,
      postgresVersion: '16',
    },
    files: ['catalog-info.yaml', 'README.md', 'kubernetes/cluster.yaml'],
    operatorKind: 'kind: Cluster',
  },
  'redis-cache': {
    values: {
      name: 'invoice-cache',
      description: 'Invoices and their line items for payment-service.',
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      dependencyOf: 'component:default/payment-service',
      size: 'medium',
      highAvailability: true,
    },
    files: ['catalog-info.yaml', 'README.md', 'kubernetes/redis.yaml'],
    operatorKind: 'kind: RedisReplication',
  },
  'message-queue': {
    values: {
      name: 'invoice-queue',
      description: 'Invoices and their line items for payment-service.',
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      dependencyOf: 'component:default/payment-service',
      size: 'medium',
      highAvailability: true,
    },
    files: ['catalog-info.yaml', 'README.md', 'kubernetes/rabbitmq.yaml'],
    operatorKind: 'kind: RabbitmqCluster',
  },
};
