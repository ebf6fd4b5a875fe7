/** A small fixed-size pool: at most `size` resources, created on demand, handed to waiters in order. */
export class ConnectionPool<T> {
  private readonly idle: T[] = [];
  private readonly all: T[] = [];
  private readonly waiters: ((resource: T) => void)[] = [];
  private creating = 0;

  constructor(
    private readonly size: number,
    private readonly create: () => Promise<T>,
  ) {}

  async acquire(): Promise<T> {
    const ready = this.idle.pop();
    if (ready !== undefined) return ready;
    if (this.all.length + this.creating < this.size) {
      this.creating += 1;
      try {
        const resource = await this.create();
        this.all.push(resource);
        return resource;
      } finally {
        this.creating -= 1;
      }
    }
    return new Promise<T>((resolve) => this.waiters.push(resolve));
  }

  release(resource: T): void {
    const next = this.waiters.shift();
    if (next) next(resource);
    else this.idle.push(resource);
  }

  async use<R>(fn: (resource: T) => Promise<R>): Promise<R> {
    const resource = await this.acquire();
    try {
      return await fn(resource);
    } finally {
      this.release(resource);
    }
  }

  /** Every resource created so far (to close them). */
  drain(): T[] {
    const out = [...this.all];
    this.all.length = 0;
    this.idle.length = 0;
    return out;
  }
}
