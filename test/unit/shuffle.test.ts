import { describe, expect, it } from "vitest";
import { shuffleFor } from "../../src/engine/shuffle.js";

describe("shuffleFor", () => {
  const items = ["a", "b", "c", "d", "e"];
  it("is a permutation and deterministic for a seed and key", () => {
    const once = shuffleFor(items, 42, "q-1");
    expect([...once].sort()).toEqual(items);
    expect(shuffleFor(items, 42, "q-1")).toEqual(once);
  });
  it("differs across seeds and questions", () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) orders.add(shuffleFor(items, seed, "q-1").join(""));
    expect(orders.size).toBeGreaterThan(5);
    const perQuestion = new Set(
      ["q-1", "q-2", "q-3", "q-4", "q-5"].map((k) => shuffleFor(items, 7, k).join("")),
    );
    expect(perQuestion.size).toBeGreaterThan(1);
  });
  it("does not change its input", () => {
    const input = [...items];
    shuffleFor(input, 1, "x");
    expect(input).toEqual(items);
  });
});
