import { Batches, lookups } from './batches';

/** A batch's work that waits until the test lets it finish, and records what each batch carried. */
function heldWork() {
  const carried: number[][] = [];
  const releases: Array<() => void> = [];
  const failures = new Set<number>();
  const batches = new Batches<number, string>(async (items) => {
    carried.push(items);
    const index = carried.length - 1;
    await new Promise<void>((resolve) => releases.push(resolve));
    if (failures.has(index)) throw new Error(`batch ${index} failed`);
    return items.map((item) => `answer ${item}`);
  });
  const release = async (index: number) => {
    while (releases.length <= index) await new Promise((resolve) => setImmediate(resolve));
    releases[index]();
  };
  return { batches, carried, release, failures };
}

describe('Batches', () => {
  it('answers an item asked alone by a batch of its own', async () => {
    const { batches, carried, release } = heldWork();
    const answer = batches.run(7);
    await release(0);
    await expect(answer).resolves.toBe('answer 7');
    expect(carried).toEqual([[7]]);
  });

  it('carries everything asked while a batch runs in the next one, each item answered with its own result', async () => {
    const { batches, carried, release } = heldWork();
    const first = batches.run(1);
    const waiting = [batches.run(2), batches.run(3), batches.run(2)];
    // Nothing asked after the first batch began is answered by it.
    expect(carried).toEqual([[1]]);
    await release(0);
    await expect(first).resolves.toBe('answer 1');
    await release(1);
    await expect(Promise.all(waiting)).resolves.toEqual(['answer 2', 'answer 3', 'answer 2']);
    expect(carried).toEqual([[1], [2, 3, 2]]);
  });

  it('fails only the items of a batch that fails, and goes on with the next', async () => {
    const { batches, release, failures } = heldWork();
    failures.add(0);
    const failed = batches.run(1);
    const next = batches.run(2);
    await release(0);
    await expect(failed).rejects.toThrow('batch 0 failed');
    await release(1);
    await expect(next).resolves.toBe('answer 2');
    const later = batches.run(3);
    await release(2);
    await expect(later).resolves.toBe('answer 3');
  });
});

describe('lookups', () => {
  it('asks once for the distinct keys of a batch and answers a key it did not find with the default', async () => {
    const asked: string[][] = [];
    const names = lookups<string, string | null>(async (keys) => {
      asked.push(keys);
      return new Map(keys.filter((key) => key !== 'gone').map((key) => [key, key.toUpperCase()]));
    }, null);
    const first = names.run('a');
    const rest = Promise.all(['b', 'gone', 'b', 'c'].map((key) => names.run(key)));
    await expect(first).resolves.toBe('A');
    await expect(rest).resolves.toEqual(['B', null, 'B', 'C']);
    expect(asked).toEqual([['a'], ['b', 'gone', 'c']]);
  });
});
