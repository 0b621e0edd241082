import fs from 'node:fs';
import path from 'node:path';
import {
  AuditorService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import { KubernetesApplier } from '../kubernetes/KubernetesApplier';
import {
  KubeManifest,
  OWNER_ENTITY_ANNOTATION,
  checkNamespace,
  validateManifests,
} from '../kubernetes/manifestGuardrails';
import { REPOSITORY_NAME } from '../config';

export const KUBERNETES_APPLY_ACTION_ID = 'portal:kubernetes:apply';

/**
 * Applies the workspace's Kubernetes manifests to a cluster of `goldenPaths.kubernetes.clusters`
 * (create, or replace what the portal created) and waits for every Deployment to roll out. The
 * guardrails (manifestGuardrails.ts) refuse a manifest before anything reaches the cluster; every
 * run that gets as far as a cluster is audited with the user who ran the template.
 */
export function createKubernetesApplyAction(options: {
  applierFor(cluster?: string): KubernetesApplier;
  /** Whether the action may create its namespace (goldenPaths.kubernetes.createNamespaces). */
  createNamespaces?: boolean;
  auditor?: AuditorService;
}) {
  return createTemplateAction({
    id: KUBERNETES_APPLY_ACTION_ID,
    description:
      'Applies Kubernetes manifests from the workspace to a configured cluster and waits for the rollout.',
    supportsDryRun: true,
    schema: {
      input: {
        manifestPath: z =>
          z
            .string()
            .describe(
              'Workspace file or folder of YAML manifests (*.yaml, *.yml)',
            ),
        namespace: z =>
          z
            .string()
            .describe(
              'Namespace for manifests without one; created when missing',
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Cluster name in kubernetes.clusterLocatorMethods; default the first',
            ),
        team: z =>
          z
            .string()
            .optional()
            .describe('Team label of a namespace this creates'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Catalog entity being deployed (kind:namespace/name), recorded on a namespace this creates; its owners may then read the namespace through the Kubernetes proxy',
            ),
        waitForRollout: z => z.boolean().optional().describe('Default true'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(1800)
            .optional()
            .describe('Rollout timeout; default 180'),
      },
      output: {
        cluster: z => z.string(),
        applied: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { namespace } = ctx.input;
      if (!REPOSITORY_NAME.test(namespace ?? '')) {
        throw new InputError(
          `namespace: "${namespace}" is not a valid namespace name`,
        );
      }
      const entityRef = ownerEntityRef(ctx.input.entityRef);
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.manifestPath,
      );
      if (!fs.existsSync(source)) {
        throw new InputError(
          `manifestPath: ${ctx.input.manifestPath} does not exist in the workspace`,
        );
      }
      const applier = options.applierFor(ctx.input.cluster);
      const user = ctx.user?.ref ?? 'unknown';
      const audit = await options.auditor?.createEvent({
        eventId: 'kubernetes-apply',
        severityLevel: 'high',
        meta: {
          user,
          cluster: applier.clusterName,
          namespace,
          dryRun: ctx.isDryRun ?? false,
        },
      });
      let manifests: KubeManifest[];
      try {
        checkNamespace(namespace);
        manifests = validateManifests(readManifests(source), namespace);
        const names = manifests.map(m => `${m.kind}/${m.metadata.name}`);
        ctx.output('cluster', applier.clusterName);
        ctx.output('applied', names);
        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would apply to cluster ${
              applier.clusterName
            }, namespace ${namespace}: ${names.join(', ')}`,
          );
        } else {
          await applyAll(applier, manifests, {
            namespace,
            createNamespaces: options.createNamespaces ?? false,
            team: ctx.input.team,
            entityRef,
            logger: ctx.logger,
          });
        }
        await audit?.success({ meta: { objects: names } });
      } catch (error) {
        await audit?.fail({ error: error as Error });
        throw error;
      }
      if (ctx.isDryRun || ctx.input.waitForRollout === false) return;
      const timeoutMs = (ctx.input.timeoutSeconds ?? 180) * 1000;
      for (const m of manifests.filter(d => d.kind === 'Deployment')) {
        ctx.logger.info(
          `Waiting for Deployment ${m.metadata.name} to roll out`,
        );
        await applier.waitForRollout(m.metadata.namespace!, m.metadata.name, {
          timeoutMs,
          signal: ctx.signal,
        });
        ctx.logger.info(`Deployment ${m.metadata.name} rolled out`);
      }
    },
  });
}

async function applyAll(
  applier: KubernetesApplier,
  manifests: KubeManifest[],
  options: {
    namespace: string;
    createNamespaces: boolean;
    team?: string;
    entityRef?: string;
    logger: { info(message: string): void };
  },
) {
  const { namespace, logger } = options;
  if (options.createNamespaces) {
    await applier.ensureNamespace(
      namespace,
      { ...(options.team ? { 'backstage.io/team': options.team } : {}) },
      options.entityRef ? { [OWNER_ENTITY_ANNOTATION]: options.entityRef } : {},
    );
  } else if (!(await applier.namespaceExists(namespace))) {
    throw new NotFoundError(
      `namespace: ${namespace} does not exist in cluster ${applier.clusterName}, and goldenPaths.kubernetes.createNamespaces is off`,
    );
  }
  const plans = await applier.plan(manifests);
  for (const [i, manifest] of manifests.entries()) {
    const result = await applier.apply(manifest, plans[i]);
    logger.info(
      `${result.action} ${result.kind} ${result.namespace ?? ''}/${
        result.name
      } in ${applier.clusterName}`,
    );
  }
}

/**
 * The entity ref input in the catalog's own form (`component:default/name`), which is what the
 * proxy guard compares; a ref without kind and name is refused, naming the field.
 */
export function ownerEntityRef(input: string | undefined): string | undefined {
  if (input === undefined || input === '') return undefined;
  try {
    const ref = parseEntityRef(input);
    return stringifyEntityRef(ref);
  } catch (e) {
    throw new InputError(
      `entityRef: "${input}" is not an entity ref (kind:namespace/name): ${
        (e as Error).message
      }`,
    );
  }
}

/** Every document of a YAML file, or of the folder's YAML files in name order. */
export function readManifests(source: string): unknown[] {
  const files = fs.statSync(source).isDirectory()
    ? fs
        .readdirSync(source)
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
        .map(f => path.join(source, f))
    : [source];
  return files.flatMap(file =>
    parseAllDocuments(fs.readFileSync(file, 'utf8')).flatMap(doc => {
      if (doc.errors.length) {
        throw new InputError(
          `manifestPath: ${path.basename(file)}: ${doc.errors[0].message}`,
        );
      }
      const value = doc.toJS();
      return value ? [value] : [];
    }),
  );
}
