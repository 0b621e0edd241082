/**
 * Other served versions of a stored type. `kubectl autoscale` (v1.32) still
 * creates `autoscaling/v1` HorizontalPodAutoscalers while everything else reads
 * `autoscaling/v2`, and newer clients read `events.k8s.io/v1` Events that older
 * ones write as core Events. A real server stores one object and converts on
 * the way in and out; so does this: those routes read and write the stored one.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceType, apiVersionOf, findResource } from '../resources';
import { applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch } from '../patch/strategicMerge';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { isPlainObject } from '../store/util';
import { ClusterApi } from './api';
import { parseBody, patchTypeFromContentType } from './body';
import { listObjects, serveWatch } from './collection';
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

/** core/v1 Event → events.k8s.io/v1 Event: the same object under the newer field names. */
export function eventToEventsV1(e: KubeObject): KubeObject {
  const out: KubeObject = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { ...e.metadata },
    eventTime: e.eventTime ?? null,
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
  const copy: Array<[string, string]> = [
    ['series', 'series'],
    ['action', 'action'],
    ['reason', 'reason'],
    ['involvedObject', 'regarding'],
    ['related', 'related'],
    ['message', 'note'],
    ['type', 'type'],
    ['source', 'deprecatedSource'],
    ['firstTimestamp', 'deprecatedFirstTimestamp'],
    ['lastTimestamp', 'deprecatedLastTimestamp'],
    ['count', 'deprecatedCount'],
  ];
  for (const [from, to] of copy)
    if (e[from] !== undefined && e[from] !== null) out[to] = e[from];
  return out;
}

export function eventFromEventsV1(e: KubeObject): KubeObject {
  const out: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { ...e.metadata },
    involvedObject: e.regarding ?? {},
  };
  const copy: Array<[string, string]> = [
    ['eventTime', 'eventTime'],
    ['series', 'series'],
    ['action', 'action'],
    ['reason', 'reason'],
    ['related', 'related'],
    ['note', 'message'],
    ['type', 'type'],
    ['reportingController', 'reportingComponent'],
    ['reportingInstance', 'reportingInstance'],
    ['deprecatedSource', 'source'],
    ['deprecatedFirstTimestamp', 'firstTimestamp'],
    ['deprecatedLastTimestamp', 'lastTimestamp'],
    ['deprecatedCount', 'count'],
  ];
  for (const [from, to] of copy)
    if (e[from] !== undefined && e[from] !== null) out[to] = e[from];
  return out;
}

interface Converter {
  stored: ResourceType;
  toServed(o: KubeObject): KubeObject;
  fromServed(o: KubeObject): KubeObject;
}

const CONVERTERS: Record<string, () => Converter> = {
  'events.k8s.io/v1/events': () => ({
    stored: findResource('', 'v1', 'events')!,
    toServed: eventToEventsV1,
    fromServed: eventFromEventsV1,
  }),
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
  registerStream: (end: () => void) => () => void;
}

/** Serves get, list, create, update, patch and delete of `rt` through its stored version. */
export async function handleConverted(
  c: ConvertedRequest,
  conv: Converter,
): Promise<void> {
  const { req, res, url, rt, namespace, name, api, store } = c;
  const served = apiVersionOf(rt);
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
    if (o.apiVersion && o.apiVersion !== served)
      throw errors.badRequest(
        `the API version in the data (${o.apiVersion}) does not match the expected API version (${served})`,
      );
    if (o.kind && o.kind !== rt.kind)
      throw errors.badRequest(
        `the kind in the data (${o.kind}) does not match the expected kind (${rt.kind})`,
      );
    return conv.fromServed({ ...o, metadata: o.metadata ?? {} });
  };
  const table = wantsTable(req.headers.accept)
    ? { includeObject: q.get('includeObject') ?? undefined }
    : undefined;
  const query = {
    namespace,
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
  };
  if (
    method === 'GET' &&
    (q.get('watch') === 'true' || q.get('watch') === '1')
  ) {
    serveWatch(
      req,
      res,
      store,
      rt,
      {
        ...query,
        name,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        timeoutSeconds: Number(q.get('timeoutSeconds') ?? 0) || undefined,
        allowWatchBookmarks: q.get('allowWatchBookmarks') === 'true',
        sendInitialEvents: q.get('sendInitialEvents') === 'true',
        table,
        storedAs: conv.stored,
        convert: conv.toServed,
      },
      c.registerStream,
    );
    return;
  }
  switch (method) {
    case 'GET': {
      if (name) {
        const obj = conv.toServed(store.mustGet(stored, namespace, name));
        sendJson(
          res,
          200,
          table ? toTable(rt, [obj], table.includeObject) : obj,
        );
        return;
      }
      const items = store.list(stored, namespace).map(conv.toServed);
      sendJson(res, 200, listObjects(store, rt, items, query, table));
      return;
    }
    case 'POST': {
      if (name) throw errors.methodNotAllowed('create', rt);
      const out = api.create(stored, namespace, write(await body()), {
        dryRun,
      });
      sendJson(res, dryRun ? 200 : 201, conv.toServed(out));
      return;
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
      sendJson(res, 200, conv.toServed(out));
      return;
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
      sendJson(res, 200, conv.toServed(out));
      return;
    }
    case 'DELETE': {
      if (!name) throw errors.methodNotAllowed('deletecollection', rt);
      const out = api.delete(stored, namespace, name, undefined, { dryRun });
      sendJson(res, 200, conv.toServed(out));
      return;
    }
    default:
      throw errors.methodNotAllowed(method.toLowerCase(), rt);
  }
}
