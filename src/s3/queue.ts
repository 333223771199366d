/**
 * A bounded queue between concurrent producers and one consumer: producers wait when it is
 * full, so memory stays bounded whatever the consumer's pace.
 *
 * @module
 */

/** @internal The end of a {@link BoundedQueue}. */
export const END: unique symbol = Symbol('end');

/** @internal A bounded multi-producer, single-consumer queue. */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private readonly highWater: number;
  private waitingProducers: (() => void)[] = [];
  private waitingConsumer: { resolve: (v: T | typeof END) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private error: { value: unknown } | undefined;

  constructor(highWater: number) {
    this.highWater = Math.max(1, highWater);
  }

  /** Adds an item; returns a promise to await when the queue is full (else `undefined`). */
  push(item: T): Promise<void> | undefined {
    if (this.ended || this.error) return undefined;
    if (this.waitingConsumer) {
      const c = this.waitingConsumer;
      this.waitingConsumer = undefined;
      c.resolve(item);
      return undefined;
    }
    this.items.push(item);
    if (this.items.length - this.head < this.highWater) return undefined;
    return new Promise((resolve) => this.waitingProducers.push(resolve));
  }

  /** The next item, or {@link END} once {@link close} was called and the queue is drained. */
  take(): Promise<T | typeof END> {
    if (this.head < this.items.length) {
      const item = this.items[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      if (this.items.length - this.head < this.highWater) this.release();
      return Promise.resolve(item);
    }
    this.release();
    if (this.error) return Promise.reject(this.error.value);
    if (this.ended) return Promise.resolve(END);
    return new Promise((resolve, reject) => {
      this.waitingConsumer = { resolve, reject };
    });
  }

  /** No more items: the consumer gets {@link END} after the queued ones; waiting producers go on. */
  close(): void {
    this.ended = true;
    this.release();
    this.waitingConsumer?.resolve(END);
    this.waitingConsumer = undefined;
  }

  /** Ends the queue with an error (the first one wins): queued items are dropped. */
  fail(error: unknown): void {
    if (this.error) return;
    this.error = { value: error };
    this.items.length = 0;
    this.head = 0;
    this.release();
    this.waitingConsumer?.reject(error);
    this.waitingConsumer = undefined;
  }

  private release(): void {
    const waiting = this.waitingProducers;
    this.waitingProducers = [];
    for (const resolve of waiting) resolve();
  }
}
