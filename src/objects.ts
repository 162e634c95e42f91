// Copies with changes, without object spread at the head of a literal. On Node 20, a literal that starts with a spread
// and goes on with more members (`{ ...a, b: 1 }`, `{ ...a, ...b }`) gives every object it makes hidden-class data of
// its own, kept in the old generation, whenever the later members add keys the spread source lacks. Under a few
// thousand requests a second that made every young-generation collection 10 to 40 times longer, and those pauses were
// the tail of the latency (docs/performance.md, "Allocation that outlives its request"). Object.assign onto a fresh
// literal builds the same object at no such cost. test/source/object-shapes.test.ts keeps the pattern out of src/.

/** What `{ ...base, ...changes }` gives: the keys of `changes` replace those of `base`. */
export type Merged<T, C> = Omit<T, keyof C> & C;

/** `{ ...base, ...changes }`, built with Object.assign. */
export function merged<T extends object, C extends object>(base: T, changes: C): Merged<T, C> {
  return Object.assign({}, base, changes) as Merged<T, C>;
}
