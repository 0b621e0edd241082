/**
 * The local cluster over HTTP with protobuf bodies: decoded requests,
 * negotiated responses, and the 415/400 answers for what it cannot decode.
 */
import http from 'node:http';
import { LocalCluster, RESOURCE_TYPES } from '../index';
import { TEST_TOKEN, startTestCluster } from '../testing/harness';
import { mustLookupType } from './schema';
import {
  PROTOBUF_CONTENT_TYPE,
  decodeProtobufObject,
  encodeProtobufObject,
} from './index';
import { encodeEnvelope } from './envelope';

let cluster: LocalCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster?.close());

interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
}

function send(
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, cluster.url),
      {
        method,
        agent: false,
        headers: {
          Authorization: `Bearer ${TEST_TOKEN}`,
          ...(body ? { 'Content-Type': PROTOBUF_CONTENT_TYPE } : {}),
          ...headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type']),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const PROTO_FIRST = `${PROTOBUF_CONTENT_TYPE},application/json`;

function configMap(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', labels: { via: 'protobuf' } },
    data: { greeting: 'hello' },
    binaryData: { raw: Buffer.from([0, 1, 2, 255]).toString('base64') },
  };
}

describe('protobuf on the wire', () => {
  it('creates from a protobuf body and answers protobuf when asked first', async () => {
    const res = await send(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      encodeProtobufObject(configMap('pb-a')),
      { Accept: PROTO_FIRST },
    );
    expect(res.status).toBe(201);
    expect(res.contentType).toBe(PROTOBUF_CONTENT_TYPE);
    const created = decodeProtobufObject(res.body) as any;
    expect(created).toMatchObject({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        name: 'pb-a',
        namespace: 'default',
        labels: { via: 'protobuf' },
      },
      data: { greeting: 'hello' },
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const stored = cluster.store.list(
      RESOURCE_TYPES.find(r => r.resource === 'configmaps')!,
      'default',
    );
    expect(stored.find(o => o.metadata.name === 'pb-a')).toMatchObject({
      binaryData: { raw: 'AAEC/w==' },
    });
  });

  it('answers JSON to a protobuf request whose client prefers JSON', async () => {
    const res = await send(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      encodeProtobufObject(configMap('pb-b')),
      { Accept: 'application/json' },
    );
    expect(res.status).toBe(201);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.body.toString()).data).toEqual({ greeting: 'hello' });
  });

  it('encodes lists and errors as protobuf', async () => {
    const list = await send(
      'GET',
      '/api/v1/namespaces/default/configmaps',
      undefined,
      { Accept: PROTO_FIRST },
    );
    expect(list.contentType).toBe(PROTOBUF_CONTENT_TYPE);
    const decoded = decodeProtobufObject(list.body) as any;
    expect(decoded.kind).toBe('ConfigMapList');
    expect(decoded.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(decoded.items.map((i: any) => i.metadata.name)).toEqual(
      expect.arrayContaining(['pb-a', 'pb-b']),
    );

    const missing = await send(
      'GET',
      '/api/v1/namespaces/default/configmaps/nope',
      undefined,
      { Accept: PROTO_FIRST },
    );
    expect(missing.status).toBe(404);
    expect(missing.contentType).toBe(PROTOBUF_CONTENT_TYPE);
    expect(decodeProtobufObject(missing.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      details: { name: 'nope', kind: 'configmaps' },
    });
  });

  it('keeps Tables and discovery JSON even when protobuf is preferred', async () => {
    const table = await send(
      'GET',
      '/api/v1/namespaces/default/configmaps',
      undefined,
      {
        Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
      },
    );
    expect(table.contentType).toBe('application/json');
    expect(JSON.parse(table.body.toString()).kind).toBe('Table');
    const api = await send('GET', '/api/v1', undefined, {
      Accept: PROTO_FIRST,
    });
    expect(api.contentType).toBe('application/json');
  });

  it('answers 415 with a Status for a protobuf type it has no codec for', async () => {
    const raw = mustLookupType('k8s.io.api.core.v1.PersistentVolumeClaim');
    const body = encodeEnvelope(
      'v1',
      'PersistentVolumeClaim',
      raw.encode(raw.fromObject({})).finish(),
    );
    const res = await send(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      body,
      { Accept: 'application/json' },
    );
    expect(res.status).toBe(415);
    const status = JSON.parse(res.body.toString());
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
    expect(status.message).toContain(
      'accepted media types include: application/json, application/yaml',
    );
    expect(status.message).toContain('PersistentVolumeClaim');
  });

  it('answers 400 for bytes that are not a protobuf envelope, and for a truncated message', async () => {
    const notEnvelope = await send(
      'POST',
      '/api/v1/namespaces',
      Buffer.from('{"kind":"Namespace"}'),
    );
    expect(notEnvelope.status).toBe(400);
    expect(JSON.parse(notEnvelope.body.toString()).message).toMatch(
      /error decoding request body: .*k8s\\0/,
    );
    const whole = encodeProtobufObject({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'cut' },
    });
    const truncated = await send(
      'POST',
      '/api/v1/namespaces',
      whole.subarray(0, whole.length - 3),
    );
    expect(truncated.status).toBe(400);
    expect(JSON.parse(truncated.body.toString())).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('falls back to JSON for a stored object the protobuf type cannot hold', async () => {
    // Written straight to the store, past validation: a number in a string map.
    cluster.store.create(
      RESOURCE_TYPES.find(r => r.resource === 'configmaps')!,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'odd', namespace: 'default' },
        data: { count: 5 },
      } as any,
    );
    const res = await send(
      'GET',
      '/api/v1/namespaces/default/configmaps/odd',
      undefined,
      { Accept: PROTO_FIRST },
    );
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.body.toString()).data).toEqual({ count: 5 });
  });
});
