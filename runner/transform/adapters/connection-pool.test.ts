import { ConnectionPool } from './connection-pool';

describe('ConnectionPool', () => {
  it('creates at most `size` resources and hands released ones to waiters in order', async () => {
    let created = 0;
    const pool = new ConnectionPool(2, async () => ({ id: (created += 1) }));
    const a = await pool.acquire();
    const b = await pool.acquire();
    const order: string[] = [];
    const c = pool.acquire().then((r) => order.push(`c${r.id}`));
    const d = pool.acquire().then((r) => order.push(`d${r.id}`));
    pool.release(b);
    pool.release(a);
    await Promise.all([c, d]);
    expect(order).toEqual(['c2', 'd1']);
    expect(created).toBe(2);
    expect(pool.drain()).toHaveLength(2);
  });

  it('releases after use even when the work fails', async () => {
    const pool = new ConnectionPool(1, async () => ({}));
    await expect(pool.use(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pool.use(async () => 'ok')).resolves.toBe('ok');
  });
});
