import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../src/logger';
import { Registry } from '../src/metrics';
import { MemoryQueue, createWorker } from '../src/worker';

describe('${{ values.name }} worker', () => {
  it('acks handled messages, nacks failed ones and counts both', async () => {
    const queue = new MemoryQueue([
      { id: '1', body: 'ok' },
      { id: '2', body: 'boom' },
    ]);
    const registry = new Registry();
    const lines: string[] = [];
    const worker = createWorker({
      queue,
      registry,
      logger: createLogger('${{ values.name }}', l => lines.push(l)),
      async handle(m) {
        if (m.body === 'boom') throw new Error('boom');
      },
    });
    worker.start();
    while (queue.acked.length + queue.nacked.length < 2) {
      await new Promise(r => setTimeout(r, 5));
    }
    await worker.stop();
    assert.deepEqual(queue.acked, ['1']);
    assert.deepEqual(queue.nacked, ['2']);
    const metrics = registry.render();
    assert.match(metrics, /worker_messages_total\{result="success"\} 1/);
    assert.match(metrics, /worker_messages_total\{result="error"\} 1/);
    assert.equal(
      JSON.parse(lines.find(l => l.includes('failed'))!).level,
      'error',
    );
  });
});
