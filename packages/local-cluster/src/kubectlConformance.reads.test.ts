/**
 * kubectl conformance, part 3: the read commands — get in every output
 * format, get -w, describe, logs, events and top — on a small workload.
 */
import {
  KubectlSession,
  conformance,
  startKubectlSession,
  startWatch,
} from './testing/kubectl';
import { PENDING_KUBECTL_COMMANDS } from './testing/kubectlPending';
import {
  deploymentYaml,
  namespaceYaml,
  yamlDocuments,
} from './testing/manifests';

jest.setTimeout(60000);

const command = conformance(PENDING_KUBECTL_COMMANDS, it);
const NS = 'catalog';

let k: KubectlSession;

const WORKLOAD = yamlDocuments(
  namespaceYaml(NS),
  deploymentYaml({
    namespace: NS,
    name: 'search',
    image: 'ghcr.io/example/search:3.2.1',
    containerExtra:
      '          resources: {requests: {cpu: 100m, memory: 128Mi}}\n',
  }),
  `apiVersion: v1
kind: Service
metadata: {name: search, namespace: ${NS}}
spec:
  selector: {app: search}
  ports: [{port: 80, targetPort: 8080}]
`,
);

beforeAll(async () => {
  k = await startKubectlSession();
  await k.withInput(WORKLOAD, 'apply', '-f', '-');
  await k.ok('-n', NS, 'rollout', 'status', 'deploy/search', '--timeout=30s');
});

afterAll(async () => {
  await k?.close();
});

async function podNames(): Promise<string[]> {
  const out = await k.ok(
    '-n',
    NS,
    'get',
    'pods',
    '-l',
    'app=search',
    '-o',
    'name',
  );
  return out
    .trim()
    .split('\n')
    .map(n => n.replace('pod/', ''));
}

describe('kubectl get', () => {
  command('get -o wide', async () => {
    const deploy = await k.ok('-n', NS, 'get', 'deploy', '-o', 'wide');
    expect(deploy.split('\n')[0]).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/,
    );
    expect(deploy).toMatch(
      /^search\s+2\/2\s+2\s+2\s+\S+\s+search\s+ghcr.io\/example\/search:3.2.1\s+app=search$/m,
    );
    const rs = await k.ok('-n', NS, 'get', 'rs', '-o', 'wide');
    expect(rs.split('\n')[0]).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/,
    );
    expect(rs).toMatch(
      /^search-\S+\s+2\s+2\s+2\s+\S+\s+search\s+ghcr.io\/example\/search:3.2.1\s+app=search,pod-template-hash=\S+$/m,
    );
    const pods = await k.ok('-n', NS, 'get', 'pods', '-o', 'wide');
    expect(pods.split('\n')[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(pods).toMatch(
      /^search-\S+\s+1\/1\s+Running\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+local-node\s+<none>\s+<none>$/m,
    );
  });

  command('get -o yaml', async () => {
    const out = await k.ok('-n', NS, 'get', 'svc', 'search', '-o', 'yaml');
    expect(out).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n/);
    expect(out).toMatch(/^ {2}name: search$/m);
    expect(out).toMatch(/^ {2}type: ClusterIP$/m);
    expect(out).toMatch(
      /^ {2}- port: 80\n {4}protocol: TCP\n {4}targetPort: 8080$/m,
    );
  });

  command('get -o json', async () => {
    const list = JSON.parse(await k.ok('-n', NS, 'get', 'pods', '-o', 'json'));
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items).toHaveLength(2);
    for (const pod of list.items) {
      expect(pod.status.phase).toBe('Running');
      expect(pod.metadata.ownerReferences[0]).toMatchObject({
        kind: 'ReplicaSet',
        controller: true,
      });
    }
  });

  command('get -o jsonpath', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'get',
        'deploy',
        'search',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ),
    ).toBe('ghcr.io/example/search:3.2.1');
    const phases = await k.ok(
      '-n',
      NS,
      'get',
      'pods',
      '-o',
      'jsonpath={range .items[*]}{.status.phase}{"\\n"}{end}',
    );
    expect(phases).toBe('Running\nRunning\n');
  });

  command('get -o custom-columns', async () => {
    const out = await k.ok(
      '-n',
      NS,
      'get',
      'pods',
      '-o',
      'custom-columns=POD:.metadata.name,NODE:.spec.nodeName,CPU:.spec.containers[0].resources.requests.cpu',
    );
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^POD\s+NODE\s+CPU$/);
    expect(lines.slice(1)).toHaveLength(2);
    for (const line of lines.slice(1))
      expect(line).toMatch(/^search-\S+\s+local-node\s+100m$/);
  });

  command('get -w', async () => {
    const watch = startWatch(k, ['-n', NS, 'get', 'deploy', 'search', '-w']);
    try {
      expect(await watch.next(/^NAME\s+READY/)).toMatch(
        /UP-TO-DATE\s+AVAILABLE\s+AGE$/,
      );
      expect(await watch.next(/^search\s/)).toMatch(/^search\s+2\/2\s/);
      await k.ok('-n', NS, 'scale', 'deploy/search', '--replicas=3');
      expect(await watch.next(/^search\s+\S+\s+3\s+3\s/)).toMatch(
        /^search\s+3\/3\s+3\s+3\s/,
      );
    } finally {
      watch.stop();
    }
    await k.ok('-n', NS, 'scale', 'deploy/search', '--replicas=2');
    await k.ok('-n', NS, 'rollout', 'status', 'deploy/search', '--timeout=30s');
  });
});

describe('kubectl get endpoints', () => {
  command('get endpoints', async () => {
    const pods = JSON.parse(
      await k.ok('-n', NS, 'get', 'pods', '-l', 'app=search', '-o', 'json'),
    );
    const ips = pods.items.map((p: any) => p.status.podIP).sort();
    const out = await k.ok('-n', NS, 'get', 'endpoints', 'search');
    expect(out).toMatch(
      new RegExp(
        `^search\\s+${ips
          .map((ip: string) => `${ip.replace(/\./g, '\\.')}:8080`)
          .join(',')}\\s`,
        'm',
      ),
    );
    const slices = await k.ok(
      '-n',
      NS,
      'get',
      'endpointslices',
      '-l',
      'kubernetes.io/service-name=search',
    );
    expect(slices).toMatch(
      /^search-\S+\s+IPv4\s+8080\s+\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+\s/m,
    );
    const svc = await k.ok('-n', NS, 'describe', 'svc', 'search');
    expect(svc).toMatch(
      new RegExp(
        `^Endpoints:\\s+${ips
          .map((ip: string) => `${ip.replace(/\./g, '\\.')}:8080`)
          .join(',')}$`,
        'm',
      ),
    );
  });
});

describe('kubectl describe, logs, events, top', () => {
  command('describe', async () => {
    const out = await k.ok('-n', NS, 'describe', 'deploy', 'search');
    expect(out).toMatch(/^Name:\s+search$/m);
    expect(out).toMatch(
      /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m,
    );
    expect(out).toMatch(/^StrategyType:\s+RollingUpdate$/m);
    expect(out).toMatch(
      /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m,
    );
    expect(out).toMatch(
      /^NewReplicaSet:\s+search-\S+ \(2\/2 replicas created\)$/m,
    );
    expect(out).toMatch(
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set search-\S+ from 0 to 2/,
    );
    const [pod] = await podNames();
    const podOut = await k.ok('-n', NS, 'describe', 'pod', pod);
    expect(podOut).toMatch(/^Status:\s+Running$/m);
    expect(podOut).toMatch(/^Controlled By:\s+ReplicaSet\/search-\S+$/m);
    expect(podOut).toMatch(
      /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned catalog\//,
    );
    expect(podOut).toMatch(
      /Normal\s+Started\s+\S+\s+kubelet\s+Started container search/,
    );
  });

  command('logs', async () => {
    const [pod] = await podNames();
    const out = await k.ok('-n', NS, 'logs', pod);
    expect(out.trim().split('\n').length).toBeGreaterThan(1);
    const tail = await k.ok('-n', NS, 'logs', pod, '--tail=1');
    expect(tail.trim().split('\n')).toHaveLength(1);
    const stamped = await k.ok(
      '-n',
      NS,
      'logs',
      pod,
      '--timestamps',
      '--tail=2',
    );
    expect(stamped).toMatch(
      /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S.*\n){2}$/,
    );
    const previous = await k.run(['-n', NS, 'logs', pod, '--previous']);
    expect(previous.code).toBe(1);
    expect(previous.stderr).toMatch(
      /previous terminated container "search" in pod "search-\S+" not found/,
    );
    const missing = await k.run(['-n', NS, 'logs', pod, '-c', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/container nope is not valid for pod/);
  });

  command('events', async () => {
    const out = await k.ok('-n', NS, 'events');
    expect(out.split('\n')[0]).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/,
    );
    expect(out).toMatch(
      /Normal\s+ScalingReplicaSet\s+Deployment\/search\s+Scaled up replica set search-\S+ from 0 to 2/,
    );
    expect(out).toMatch(
      /Normal\s+Scheduled\s+Pod\/search-\S+\s+Successfully assigned/,
    );
    const forPod = await k.ok(
      '-n',
      NS,
      'events',
      '--for',
      `pod/${(await podNames())[0]}`,
    );
    expect(forPod).not.toMatch(/Deployment\/search/);
    expect(forPod).toMatch(/Started container search/);
  });

  command('get events.events.k8s.io', async () => {
    const list = JSON.parse(
      await k.ok('-n', NS, 'get', 'events.v1.events.k8s.io', '-o', 'json'),
    );
    const scaled = list.items.find(
      (e: any) =>
        e.reason === 'ScalingReplicaSet' && / from 0 to 2$/.test(e.note),
    );
    expect(scaled).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      regarding: { kind: 'Deployment', name: 'search' },
      reportingController: 'deployment-controller',
      type: 'Normal',
    });
    expect(scaled.note).toMatch(
      /^Scaled up replica set search-\S+ from 0 to 2$/,
    );
    expect(scaled.message).toBeUndefined();
  });

  command('top pod', async () => {
    const out = await k.ok('-n', NS, 'top', 'pod');
    expect(out.split('\n')[0]).toMatch(
      /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/,
    );
    const rows = out.trim().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatch(/^search-\S+\s+\d+m\s+\d+Mi\s*$/);
    const containers = await k.ok('-n', NS, 'top', 'pod', '--containers');
    expect(containers).toMatch(/^search-\S+\s+search\s+\d+m\s+\d+Mi\s*$/m);
  });

  command('top node', async () => {
    const out = await k.ok('top', 'node');
    expect(out.split('\n')[0]).toMatch(
      /^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*$/,
    );
    expect(out).toMatch(/^local-node\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/m);
  });
});
