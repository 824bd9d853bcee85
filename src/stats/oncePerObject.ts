/**
 * `compute`, run once per argument object: later calls with the same object get the
 * first result (kept in a WeakMap, so it goes when the object goes). The argument and
 * the result must not be changed afterwards.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      result = compute(key);
      results.set(key, result);
    }
    return result;
  };
}
