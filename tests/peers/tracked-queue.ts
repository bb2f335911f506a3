/** An in-process Fedify message queue that counts messages not yet handled (so tests can wait until a peer is idle). */
import { InProcessMessageQueue, type MessageQueue, type MessageQueueEnqueueOptions, type MessageQueueListenOptions } from "@fedify/fedify";

/** InProcessMessageQueue plus a `pending` counter (queued or running messages). */
export class TrackedQueue implements MessageQueue {
  readonly nativeRetrial = false;
  pending = 0;
  private inner = new InProcessMessageQueue({ pollInterval: { milliseconds: 20 } });

  async enqueue(message: any, options?: MessageQueueEnqueueOptions): Promise<void> {
    this.pending++;
    await this.inner.enqueue(message, options);
  }

  async enqueueMany(messages: readonly any[], options?: MessageQueueEnqueueOptions): Promise<void> {
    this.pending += messages.length;
    await this.inner.enqueueMany(messages, options);
  }

  listen(handler: (message: any) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    return this.inner.listen(async (m) => {
      try {
        await handler(m);
      } finally {
        this.pending--;
      }
    }, options);
  }
}
