import type { Delivery, DeliveryOutcome, Store } from './store/types.js';

interface Pending {
  delivery: Delivery;
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhook deliveries: deliveries that arrive together are written in one transaction (one
 * fsync), and each request is answered only once its delivery is durable. Under load the batch grows; alone,
 * a delivery waits one turn of the event loop.
 */
export class Inbox {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly store: Store,
    private readonly onAccepted: () => void,
    private readonly maxBatch = 500,
  ) {}

  record(delivery: Delivery): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.store.recordDeliveries(batch.map((p) => p.delivery));
        for (const [i, p] of batch.entries()) p.resolve(outcomes[i] as DeliveryOutcome);
        if (outcomes.includes('accepted')) this.onAccepted();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = false;
  }
}
