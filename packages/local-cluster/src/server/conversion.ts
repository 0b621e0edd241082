/**
 * A second served version of a stored type. `kubectl autoscale` (v1.32) still
 * creates `autoscaling/v1` HorizontalPodAutoscalers while everything else reads
 * `autoscaling/v2`; a real server stores one object and converts on the way in
 * and out, so this does the same: the v1 routes read and write the v2 objects.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceType, findResource } from '../resources';
import { applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch } from '../patch/strategicMerge';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { isPlainObject } from '../store/util';
import { ClusterApi } from './api';
import { parseBody, patchTypeFromContentType } from './body';
import { listObjects } from './collection';
import { errors } from './errors';
import { readBody, sendJson } from './http';
import { toTable, wantsTable } from './table';

/** Annotations the real v1 conversion uses to keep v2-only fields on a round trip. */
const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

function isCpuUtilization(m: any): boolean {
  return (
    m?.type === 'Resource' &&
    m.resource?.name === 'cpu' &&
    m.resource?.target?.type === 'Utilization'
  );
}

export function hpaToV1(v2: KubeObject): KubeObject {
  const spec = v2.spec ?? {};
  const metrics: any[] = Array.isArray(spec.metrics) ? spec.metrics : [];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter(m => m !== cpu);
  const annotations = { ...v2.metadata.annotations };
  if (others.length) annotations[METRICS_ANNOTATION] = JSON.stringify(others);
  if (spec.behavior)
    annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
  const status = v2.status ?? {};
  const currentCpu = (status.currentMetrics ?? []).find(
    (m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu',
  )?.resource?.current?.averageUtilization;
  const out: KubeObject = {
    ...v2,
    apiVersion: 'autoscaling/v1',
    metadata: { ...v2.metadata },
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined
        ? { minReplicas: spec.minReplicas }
        : {}),
      maxReplicas: spec.maxReplicas,
      ...(cpu
        ? {
            targetCPUUtilizationPercentage:
              cpu.resource.target.averageUtilization,
          }
        : {}),
    },
    status: {
      ...(status.observedGeneration !== undefined
        ? { observedGeneration: status.observedGeneration }
        : {}),
      ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(currentCpu !== undefined
        ? { currentCPUUtilizationPercentage: currentCpu }
        : {}),
    },
  };
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}

export function hpaFromV1(v1: KubeObject): KubeObject {
  const spec = isPlainObject(v1.spec) ? v1.spec : {};
  const annotations = { ...v1.metadata?.annotations };
  const restore = (key: string) => {
    const raw = annotations[key];
    delete annotations[key];
    try {
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  };
  const others = restore(METRICS_ANNOTATION);
  const behavior = restore(BEHAVIOR_ANNOTATION);
  const metrics: any[] = [];
  if (spec.targetCPUUtilizationPercentage !== undefined) {
    metrics.push({
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: {
          type: 'Utilization',
          averageUtilization: spec.targetCPUUtilizationPercentage,
        },
      },
    });
  }
  if (Array.isArray(others)) metrics.push(...others);
  const { targetCPUUtilizationPercentage: _cpu, ...rest } = spec;
  const metadata = { ...v1.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const out: KubeObject = {
    ...v1,
    apiVersion: 'autoscaling/v2',
    metadata,
    spec: {
      ...rest,
      ...(metrics.length ? { metrics } : {}),
      ...(behavior ? { behavior } : {}),
    },
  };
  delete out.status;
  return out;
}

interface Converter {
  stored: ResourceType;
  toServed(o: KubeObject): KubeObject;
  fromServed(o: KubeObject): KubeObject;
}

const CONVERTERS: Record<string, () => Converter> = {
  'autoscaling/v1/horizontalpodautoscalers': () => ({
    stored: findResource('autoscaling', 'v2', 'horizontalpodautoscalers')!,
    toServed: hpaToV1,
    fromServed: hpaFromV1,
  }),
};

/** The converter for a served-but-not-stored version, if `rt` is one. */
export function converterFor(rt: ResourceType): Converter | undefined {
  return CONVERTERS[`${rt.group}/${rt.version}/${rt.resource}`]?.();
}

export interface ConvertedRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  rt: ResourceType;
  namespace?: string;
  name?: string;
  api: ClusterApi;
  store: ObjectStore;
}

/** Serves get, list, create, update, patch and delete of `rt` through its stored version. */
export async function handleConverted(
  c: ConvertedRequest,
  conv: Converter,
): Promise<void> {
  const { req, res, url, rt, namespace, name, api, store } = c;
  const q = url.searchParams;
  const dryRun = q.get('dryRun') === 'All';
  const method = req.method ?? 'GET';
  const body = async () => {
    const parsed = parseBody(
      await readBody(req),
      req.headers['content-type'] ?? 'application/json',
    );
    if (!isPlainObject(parsed))
      throw errors.badRequest('the request body must be a JSON or YAML object');
    return parsed as KubeObject;
  };
  const stored = conv.stored;
  const write = (o: KubeObject) => {
    if (o.apiVersion && o.apiVersion !== 'autoscaling/v1')
      throw errors.badRequest(
        `the API version in the data (${o.apiVersion}) does not match the expected API version (autoscaling/v1)`,
      );
    return conv.fromServed({ ...o, metadata: o.metadata ?? {} });
  };
  if (q.get('watch') === 'true' || q.get('watch') === '1')
    throw errors.methodNotAllowed('watch', rt);
  switch (method) {
    case 'GET': {
      const table = wantsTable(req.headers.accept);
      if (name) {
        const obj = conv.toServed(store.mustGet(stored, namespace, name));
        return sendJson(
          res,
          200,
          table ? toTable(rt, [obj], q.get('includeObject') ?? undefined) : obj,
        );
      }
      const items = store.list(stored, namespace).map(conv.toServed);
      return sendJson(
        res,
        200,
        listObjects(
          store,
          rt,
          items,
          {
            namespace,
            labelSelector: q.get('labelSelector') ?? undefined,
            fieldSelector: q.get('fieldSelector') ?? undefined,
          },
          table
            ? { includeObject: q.get('includeObject') ?? undefined }
            : undefined,
        ),
      );
    }
    case 'POST': {
      if (name) throw errors.methodNotAllowed('create', rt);
      const out = api.create(stored, namespace, write(await body()), {
        dryRun,
      });
      return sendJson(res, dryRun ? 200 : 201, conv.toServed(out));
    }
    case 'PUT': {
      if (!name) throw errors.methodNotAllowed('update', rt);
      const out = api.replace(
        stored,
        namespace,
        name,
        write(await body()),
        undefined,
        { dryRun },
      );
      return sendJson(res, 200, conv.toServed(out));
    }
    case 'PATCH': {
      if (!name) throw errors.methodNotAllowed('patch', rt);
      const type = patchTypeFromContentType(req.headers['content-type'] ?? '');
      const patch = parseBody(
        await readBody(req),
        req.headers['content-type'] ?? 'application/json',
      );
      // The patch is written against the v1 shape, so it is applied to the v1 view.
      const current = conv.toServed(store.mustGet(stored, namespace, name));
      let patched: unknown;
      if (type === 'json') patched = applyJsonPatch(current, patch);
      else if (type === 'merge') patched = applyMergePatch(current, patch);
      else patched = applyStrategicMergePatch(current, patch);
      if (!isPlainObject(patched))
        throw errors.badRequest('patch produced a non-object document');
      const out = api.replace(
        stored,
        namespace,
        name,
        write(patched as KubeObject),
        undefined,
        { dryRun },
      );
      return sendJson(res, 200, conv.toServed(out));
    }
    case 'DELETE': {
      if (!name) throw errors.methodNotAllowed('deletecollection', rt);
      const out = api.delete(stored, namespace, name, undefined, { dryRun });
      return sendJson(res, 200, conv.toServed(out));
    }
    default:
      throw errors.methodNotAllowed(method.toLowerCase(), rt);
  }
}
