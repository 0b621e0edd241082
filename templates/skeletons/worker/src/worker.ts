import { Logger } from './logger';
import { Registry } from './metrics';

/** One message of the queue. Adapt to your broker's client (RabbitMQ, SQS, Kafka…). */
export interface Message {
  id: string;
  body: string;
}

/** What the worker needs from a queue; implement it over your broker's client. */
export interface Queue {
  /** Resolves with the next message, or undefined when none arrived within the poll. */
  receive(): Promise<Message | undefined>;
  ack(message: Message): Promise<void>;
  /** Returns the message to the queue (or its dead-letter queue) after a failure. */
  nack(message: Message): Promise<void>;
}

/** An in-memory queue for tests and local runs. */
export class MemoryQueue implements Queue {
  readonly acked: string[] = [];
  readonly nacked: string[] = [];
  constructor(private readonly messages: Message[] = []) {}
  push(message: Message) {
    this.messages.push(message);
  }
  async receive() {
    const next = this.messages.shift();
    if (!next) await new Promise(r => setTimeout(r, 10));
    return next;
  }
  async ack(m: Message) {
    this.acked.push(m.id);
  }
  async nack(m: Message) {
    this.nacked.push(m.id);
  }
}

/** Consumes messages one at a time until stopped. Put your handling in `handle`. */
export function createWorker(deps: {
  queue: Queue;
  logger: Logger;
  registry: Registry;
  handle(message: Message): Promise<void>;
}) {
  const processed = deps.registry.counter(
    'worker_messages_total',
    'Messages handled by ${{ values.name }}, by result.',
  );
  const duration = deps.registry.histogram(
    'worker_message_duration_seconds',
    'Time to handle one message.',
  );
  let running = false;
  let loop: Promise<void> | undefined;

  async function run() {
    while (running) {
      const message = await deps.queue.receive();
      if (!message) continue;
      const start = process.hrtime.bigint();
      try {
        await deps.handle(message);
        await deps.queue.ack(message);
        processed.inc({ result: 'success' });
        deps.logger.info('message handled', { id: message.id });
      } catch (error) {
        await deps.queue.nack(message);
        processed.inc({ result: 'error' });
        deps.logger.error('message failed', {
          id: message.id,
          error: String(error),
        });
      }
      duration.observe({}, Number(process.hrtime.bigint() - start) / 1e9);
    }
  }

  return {
    start() {
      running = true;
      loop = run();
    },
    /** Finishes the message in hand, then stops. */
    async stop() {
      running = false;
      await loop;
    },
    isRunning: () => running,
  };
}
