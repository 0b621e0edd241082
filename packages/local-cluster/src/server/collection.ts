/**
 * Collection reads: list with selectors and pagination, and watch streams.
 * Both go through the same filter so `kubectl get -l ... -w` sees exactly
 * the objects a list would return.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceType, apiVersionOf } from '../resources';
import {
  FieldSelectorParseError,
  matchesFields,
  parseFieldSelector,
} from '../selectors/fieldSelector';
import {
  SelectorParseError,
  matchesLabels,
  parseLabelSelector,
} from '../selectors/labelSelector';
import { ObjectStore, typeKeyOf } from '../store/ObjectStore';
import { KubeObject, StoreEvent } from '../store/types';
import { errors } from './errors';
import { toTable } from './table';

export interface CollectionQuery {
  namespace?: string;
  /** Set for watches on a single object (`.../pods/x?watch=1`). */
  name?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type Filter = (obj: KubeObject) => boolean;

export function buildFilter(rt: ResourceType, q: CollectionQuery): Filter {
  let labels;
  let fields;
  try {
    labels = parseLabelSelector(q.labelSelector ?? '');
  } catch (e) {
    if (e instanceof SelectorParseError) {
      throw errors.badRequest(
        `unable to parse requirement: ${e.message.replace(
          /^unable to parse requirement: /,
          '',
        )}`,
      );
    }
    throw e;
  }
  try {
    fields = parseFieldSelector(q.fieldSelector ?? '', rt.resource);
  } catch (e) {
    if (e instanceof FieldSelectorParseError)
      throw errors.badRequest(e.message);
    throw e;
  }
  return obj =>
    (!rt.namespaced ||
      !q.namespace ||
      obj.metadata.namespace === q.namespace) &&
    (!q.name || obj.metadata.name === q.name) &&
    matchesLabels(labels, obj.metadata.labels) &&
    matchesFields(fields, obj);
}

/** Secrets are readable one at a time; collection reads hide their values. */
export function maskForCollection(
  rt: ResourceType,
  obj: KubeObject,
): KubeObject {
  if (rt.kind !== 'Secret' || !obj.data) return obj;
  const data: Record<string, string> = {};
  for (const k of Object.keys(obj.data))
    data[k] = Buffer.from('<masked>').toString('base64');
  return { ...obj, data };
}

function encodeContinue(key: string, rv: string): string {
  return Buffer.from(
    JSON.stringify({ v: 'local/v1', rv, start: key }),
  ).toString('base64url');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed.v !== 'local/v1' || typeof parsed.start !== 'string')
      throw new Error('bad token');
    return parsed.start;
  } catch {
    throw errors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version local/v1)',
    );
  }
}

const itemKey = (o: KubeObject) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function listObjects(
  store: ObjectStore,
  rt: ResourceType,
  items: KubeObject[],
  q: CollectionQuery & { limit?: number; continue?: string },
  table?: { includeObject?: string },
) {
  const filter = buildFilter(rt, q);
  let matched = items.filter(filter);
  const rv = store.currentResourceVersion();
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (q.continue) {
    const start = decodeContinue(q.continue);
    matched = matched.filter(o => itemKey(o) > start);
  }
  if (q.limit && q.limit > 0 && matched.length > q.limit) {
    const page = matched.slice(0, q.limit);
    metadata.continue = encodeContinue(itemKey(page[page.length - 1]), rv);
    metadata.remainingItemCount = matched.length - q.limit;
    matched = page;
  }
  return listBody(rt, matched, metadata, table);
}

/**
 * `listObjects` for a type read as stored: the page is cut from the store's key order and only
 * its objects are copied, so a paged read of a large collection costs about one whole read.
 */
export function listStoredObjects(
  store: ObjectStore,
  rt: ResourceType,
  q: CollectionQuery & { limit?: number; continue?: string },
  table?: { includeObject?: string },
) {
  const filter = buildFilter(rt, q);
  const rv = store.currentResourceVersion();
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  const limit = q.limit && q.limit > 0 ? q.limit : undefined;
  const page = store.listPage(rt, {
    namespace: q.namespace,
    filter,
    after: q.continue ? decodeContinue(q.continue) : undefined,
    limit,
  });
  if (page.remaining > 0 && page.lastKey !== undefined) {
    metadata.continue = encodeContinue(page.lastKey, rv);
    metadata.remainingItemCount = page.remaining;
  }
  return listBody(rt, page.items, metadata, table);
}

function listBody(
  rt: ResourceType,
  items: KubeObject[],
  metadata: Record<string, unknown>,
  table?: { includeObject?: string },
) {
  const out = items.map(o => maskForCollection(rt, o));
  if (table) return toTable(rt, out, table.includeObject, metadata);
  return {
    kind: `${rt.kind}List`,
    apiVersion: apiVersionOf(rt),
    metadata,
    items: out,
  };
}

export interface WatchParams extends CollectionQuery {
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  table?: { includeObject?: string };
  /** For a converted version (conversion.ts): the stored type, and the conversion to `rt`. */
  storedAs?: ResourceType;
  convert?: (obj: KubeObject) => KubeObject;
}

/**
 * Streams watch events as newline-delimited JSON. Objects entering or leaving
 * the selector are reported as ADDED/DELETED, as the real watch cache does.
 */
export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: ObjectStore,
  rt: ResourceType,
  params: WatchParams,
  registerStream: (end: () => void) => () => void,
) {
  const filter = buildFilter(rt, params);
  const source = params.storedAs ?? rt;
  const convert = params.convert ?? ((o: KubeObject) => o);
  const typeKey = typeKeyOf(source);
  const rvParam = params.resourceVersion;
  let replay: StoreEvent[] | undefined;
  const sinceRv = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
  if (sinceRv !== undefined) {
    if (!Number.isFinite(sinceRv))
      throw errors.badRequest(`invalid resource version: ${rvParam}`);
    replay = store.eventsSince(typeKey, sinceRv);
  }

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  // Clients block on response headers; an empty watch must not look like a hung request.
  res.flushHeaders();
  let closed = false;
  const write = (type: string, obj: unknown) => {
    if (closed) return;
    let object = obj;
    if (params.table && type !== 'ERROR' && type !== 'BOOKMARK') {
      object = toTable(rt, [obj as KubeObject], params.table.includeObject);
    }
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const translate = (e: StoreEvent) => {
    const current = convert(e.object);
    const now = filter(current);
    const before = e.previous ? filter(convert(e.previous)) : false;
    const obj = maskForCollection(rt, current);
    if (e.type === 'ADDED' && now) write('ADDED', obj);
    else if (e.type === 'DELETED' && now) write('DELETED', obj);
    else if (e.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', obj);
      else if (now) write('ADDED', obj);
      else if (before) write('DELETED', obj);
    }
  };

  const cleanups: Array<() => void> = [];
  function end() {
    if (closed) return;
    closed = true;
    cleanups.forEach(c => c());
    res.end();
  }
  cleanups.push(
    store.subscribe(e => {
      if (e.typeKey === typeKey) translate(e);
    }),
  );
  cleanups.push(registerStream(end));
  req.on('close', end);
  res.on('close', end);
  if (params.timeoutSeconds && params.timeoutSeconds > 0) {
    const timer = setTimeout(end, params.timeoutSeconds * 1000);
    cleanups.push(() => clearTimeout(timer));
  }

  if (sinceRv !== undefined && replay === undefined) {
    write('ERROR', {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${rvParam} (${store.currentResourceVersion()})`,
      reason: 'Expired',
      code: 410,
    });
    end();
    return;
  }
  if (replay) {
    replay.forEach(translate);
  } else {
    for (const obj of store
      .list(source, params.namespace)
      .map(convert)
      .filter(filter)) {
      write('ADDED', maskForCollection(rt, obj));
    }
  }
  if (params.allowWatchBookmarks && params.sendInitialEvents) {
    write('BOOKMARK', {
      kind: rt.kind,
      apiVersion: apiVersionOf(rt),
      metadata: {
        resourceVersion: store.currentResourceVersion(),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
  }
}
