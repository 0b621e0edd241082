import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runJob } from '../src/job';
import { createLogger } from '../src/logger';

describe('${{ values.name }} job', () => {
  it('handles every item and logs a summary', async () => {
    const handled: string[] = [];
    const lines: string[] = [];
    const result = await runJob({
      logger: createLogger('${{ values.name }}', l => lines.push(l)),
      items: async () => ['a', 'b'],
      handle: async item => {
        handled.push(item);
      },
    });
    assert.deepEqual(result, { processed: 2 });
    assert.deepEqual(handled, ['a', 'b']);
    assert.equal(JSON.parse(lines[0]).processed, 2);
  });

  it('fails the run when an item fails, so Kubernetes retries it', async () => {
    await assert.rejects(
      runJob({
        logger: createLogger('${{ values.name }}', () => undefined),
        items: async () => ['a'],
        handle: async () => {
          throw new Error('boom');
        },
      }),
      /boom/,
    );
  });
});
