import { RateLimiter } from './rate-limiter';

test('requests per second: starts are spaced by 1/rate on a fixed clock', async () => {
  const waits: number[] = [];
  const limiter = new RateLimiter(
    10,
    4,
    async (ms) => {
      waits.push(ms);
    },
    () => 1_000,
  );
  const releases = await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()));
  releases.forEach((r) => r());
  expect(waits).toEqual([250, 500, 750]);
});

test('concurrency: the third caller waits until one of two releases', async () => {
  const limiter = new RateLimiter(2);
  const a = await limiter.acquire();
  await limiter.acquire();
  let third = false;
  const p = limiter.acquire().then((r) => {
    third = true;
    return r;
  });
  await new Promise((r) => setImmediate(r));
  expect([third, limiter.running]).toEqual([false, 2]);
  a();
  a(); // releasing twice has no effect
  (await p)();
  expect(third).toBe(true);
  expect(limiter.running).toBe(1);
});
