/**
 * A per-connector limit on concurrent requests and, optionally, on requests per second. Every request
 * of one HttpClient goes through one limiter: `const release = await limiter.acquire(); ... release()`.
 */
export class RateLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextStart = 0;

  constructor(
    private readonly maxConcurrency: number = 4,
    private readonly requestsPerSecond: number = 0,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxConcurrency >= 1)) throw new RangeError('maxConcurrency must be at least 1');
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.maxConcurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    if (this.requestsPerSecond > 0) {
      const interval = 1000 / this.requestsPerSecond;
      const now = this.now();
      const start = Math.max(now, this.nextStart);
      this.nextStart = start + interval;
      if (start > now) await this.sleep(start - now);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  /** Requests running now (for tests and logs). */
  get running(): number {
    return this.active;
  }
}
